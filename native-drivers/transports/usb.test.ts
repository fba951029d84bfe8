import { afterEach, describe, expect, it } from 'vitest';
import type { UsbApi, UsbConfigurationLike, UsbDeviceLike } from './native-shapes';
import { UsbTransport, usbError } from './usb';

// A USB receipt printer as the usb package presents one: interface 0 of class 7 with bulk OUT 1 and
// bulk IN 2; usblp bound to it, as on a stock Linux install. Error texts are the package's own.
class FakeUsbPrinter implements UsbDeviceLike {
  readonly vendorId = 0x0416;
  readonly productId = 0x5011;
  readonly deviceClass = 0;
  readonly bus = '1-1.4';
  configuration: UsbConfigurationLike | null = null;
  kernelDriverAttached = true;
  detachAllowed = true;
  openRefused = false;
  /** When true, the printer takes no data (paper out, buffer full). */
  stalledOut = false;
  claimed = false;
  opened = false;
  readonly received: number[] = [];
  readonly chunkSizes: number[] = [];
  private readonly status: Uint8Array[] = [];
  private readonly readers: ((data: Uint8Array | Error) => void)[] = [];
  private unplugged = false;

  constructor(readonly serialNumber: string | null = 'A1') {}

  async open(): Promise<void> {
    if (this.openRefused) throw new Error('open error: permission denied');
    this.opened = true;
  }

  async close(): Promise<void> {
    this.opened = false;
  }

  async selectConfiguration(value: number): Promise<void> {
    this.configuration = {
      configurationValue: value,
      interfaces: [
        {
          interfaceNumber: 0,
          alternate: {
            interfaceClass: 7,
            interfaceSubclass: 1,
            interfaceProtocol: 2,
            endpoints: [
              { endpointNumber: 1, direction: 'out', type: 'bulk', packetSize: 64 },
              { endpointNumber: 2, direction: 'in', type: 'bulk', packetSize: 64 },
            ],
          },
        },
      ],
    };
  }

  async claimInterface(): Promise<void> {
    if (this.kernelDriverAttached) throw new Error('claimInterface error: interface is busy');
    this.claimed = true;
  }

  async releaseInterface(): Promise<void> {
    this.claimed = false;
  }

  async detachKernelDriver(): Promise<void> {
    if (!this.detachAllowed) throw new Error('detachKernelDriver error: failed to detach kernel driver');
    this.kernelDriverAttached = false;
  }

  async attachKernelDriver(): Promise<void> {
    this.kernelDriverAttached = true;
  }

  async transferOut(_endpoint: number, data: Uint8Array, timeout = 1000) {
    this.assertPresent('transferOut');
    if (this.stalledOut) {
      await new Promise((resolve) => setTimeout(resolve, timeout));
      throw new Error('transferOut error: timed out');
    }
    this.chunkSizes.push(data.byteLength);
    this.received.push(...data);
    return { bytesWritten: data.byteLength, status: 'ok' as const };
  }

  async transferIn(_endpoint: number, _length: number, timeout = 1000) {
    this.assertPresent('transferIn');
    const ready = this.status.shift();
    const data =
      ready ??
      (await new Promise<Uint8Array | Error>((resolve) => {
        const timer = setTimeout(() => {
          this.readers.splice(this.readers.indexOf(resolve), 1);
          resolve(new Error('transferIn error: timed out'));
        }, timeout);
        this.readers.push((value) => {
          clearTimeout(timer);
          resolve(value);
        });
      }));
    if (data instanceof Error) throw data;
    return { data: new DataView(data.buffer, data.byteOffset, data.byteLength), status: 'ok' as const };
  }

  async clearHalt(): Promise<void> {}

  /** The printer answers on its bulk IN endpoint (e.g. a DLE EOT status byte). */
  answer(bytes: Uint8Array): void {
    const reader = this.readers.shift();
    if (reader) reader(bytes);
    else this.status.push(bytes);
  }

  unplug(): void {
    this.unplugged = true;
    for (const reader of this.readers.splice(0)) reader(new Error('transferIn error: device disconnected'));
  }

  private assertPresent(what: string): void {
    if (this.unplugged) throw new Error(`${what} error: device disconnected`);
  }
}

const busWith = (...devices: UsbDeviceLike[]): UsbApi => ({ getDevices: async () => devices });

let transport: UsbTransport | undefined;
afterEach(async () => {
  await transport?.close();
  transport = undefined;
});

function printerTransport(
  printer: FakeUsbPrinter,
  options: Partial<ConstructorParameters<typeof UsbTransport>[0]> = {},
) {
  transport = new UsbTransport(
    { vendorId: 0x0416, productId: 0x5011, readTimeoutMs: 50, ...options },
    busWith(printer),
  );
  return transport;
}

describe('USB printer-class transport', () => {
  it('claims the printer interface from usblp, sends a receipt in bulk chunks and reads status', async () => {
    const printer = new FakeUsbPrinter();
    const usb = printerTransport(printer, { chunkSize: 8 });
    expect(usb.address).toBe('usb://0416:5011');
    await usb.open();
    expect(printer.kernelDriverAttached).toBe(false);
    expect(printer.claimed).toBe(true);

    const receipt = new TextEncoder().encode('\x1b@Omnitill receipt\n\x1dV\x00');
    await usb.write(receipt);
    expect(printer.received).toEqual([...receipt]);
    expect(printer.chunkSizes).toEqual([8, 8, 6]);

    const status = new Promise<Uint8Array>((resolve) => usb.on('data', resolve));
    printer.answer(Uint8Array.of(0x12));
    expect([...(await status)]).toEqual([0x12]);
  });

  it('gives the printer back to usblp when closed', async () => {
    const printer = new FakeUsbPrinter();
    const usb = printerTransport(printer);
    await usb.open();
    await usb.close();
    expect(printer.claimed).toBe(false);
    expect(printer.kernelDriverAttached).toBe(true);
    expect(printer.opened).toBe(false);
  });

  it('says busy when the kernel driver cannot be detached', async () => {
    const printer = new FakeUsbPrinter();
    printer.detachAllowed = false;
    await expect(printerTransport(printer).open()).rejects.toMatchObject({
      kind: 'busy',
      message: 'usb://0416:5011: held by the usblp kernel driver or another program',
    });
    expect(printer.opened).toBe(false);
  });

  it('says access-denied when the device node is not the till user’s', async () => {
    const printer = new FakeUsbPrinter();
    printer.openRefused = true;
    await expect(printerTransport(printer).open()).rejects.toMatchObject({ kind: 'access-denied' });
  });

  it('picks one of two identical printers by serial number', async () => {
    const first = new FakeUsbPrinter('A1');
    const second = new FakeUsbPrinter('B2');
    transport = new UsbTransport(
      { vendorId: 0x0416, productId: 0x5011, serialNumber: 'B2', readTimeoutMs: 50 },
      busWith(first, second),
    );
    await transport.open();
    expect(second.claimed).toBe(true);
    expect(first.opened).toBe(false);
  });

  it('says not-found when no such printer is plugged in, also with the real usb package', async () => {
    await expect(
      new UsbTransport({ vendorId: 0x04b8, productId: 0x0e15 }, busWith()).open(),
    ).rejects.toMatchObject({ kind: 'not-found' });
    // 0xFFFF is reserved by the USB-IF: no device carries it, whether or not this machine has a USB bus.
    await expect(new UsbTransport({ vendorId: 0xffff, productId: 0xfffe }).open()).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('reports "disconnected" and closes when the printer is unplugged while reading', async () => {
    const printer = new FakeUsbPrinter();
    const usb = printerTransport(printer);
    await usb.open();
    const events: string[] = [];
    const closed = new Promise<void>((resolve) => {
      usb.on('error', (error) => events.push(`error:${error.kind}`));
      usb.on('close', () => {
        events.push('close');
        resolve();
      });
    });
    printer.unplug();
    await closed;
    expect(events).toEqual(['error:disconnected', 'close']);
    await expect(usb.write(Uint8Array.of(0x0a))).rejects.toMatchObject({ kind: 'disconnected' });
  });

  it('times out a write the printer does not take, naming the likely cause', async () => {
    const printer = new FakeUsbPrinter();
    printer.stalledOut = true;
    const usb = printerTransport(printer, { writeTimeoutMs: 30 });
    await usb.open();
    await expect(usb.write(Uint8Array.of(0x0a))).rejects.toMatchObject({
      kind: 'timeout',
      message: 'usb://0416:5011: the printer took no data for 30 ms (paper out or cover open?)',
    });
  });

  it('maps the usb package’s error texts', () => {
    const kind = (message: string) => usbError(new Error(message), 'usb://x', 'io').kind;
    expect(kind('getDevices error: /sys/bus/usb/devices/ not found (errno 2)')).toBe('not-found');
    expect(kind('claimInterface error: interface is busy')).toBe('busy');
    expect(kind('transferIn error: transfer was cancelled')).toBe('timeout');
    expect(kind('transferOut error: device disconnected')).toBe('disconnected');
    expect(kind('open error: Permission denied')).toBe('access-denied');
    expect(kind('transferOut error: endpoint stalled')).toBe('io');
  });
});
