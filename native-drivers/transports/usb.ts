// USB receipt printers without a serial or network port, driven directly over their printer-class
// (7) interface: bytes go to the bulk OUT endpoint, status answers come from bulk IN. On Linux the
// kernel's usblp driver binds such printers first; it is detached so the interface can be claimed,
// and attached again on close so CUPS sees the printer as before.
/// <reference types="w3c-web-usb" />
import { Listeners } from './listeners';
import type { UsbApi, UsbDeviceLike, UsbEndpointLike, UsbInterfaceLike } from './native-shapes';
import { TransportError } from './types';
import type { Transport, TransportErrorKind, TransportEvents } from './types';

export const USB_CLASS_PRINTER = 7;

/** The real usb package (v3, WebUSB API), loaded on the first open. */
export const nodeUsb: UsbApi = {
  async getDevices() {
    const { usb } = await import('usb');
    return usb.getDevices();
  },
};

export interface UsbOptions {
  vendorId: number;
  productId: number;
  /** Tells identical printers apart: the serial number… */
  serialNumber?: string;
  /** …or where the printer is plugged in, e.g. "1-1.4". */
  bus?: string;
  /** The interface to claim; default the first printer-class interface with a bulk OUT endpoint. */
  interfaceNumber?: number;
  /** How long one chunk may wait for the printer to take it. Default 5000 ms. */
  writeTimeoutMs?: number;
  /** How long one read waits before the next; bounds how late a close stops reading. Default 1000 ms. */
  readTimeoutMs?: number;
  /** Bytes per bulk transfer. Default 4096. */
  chunkSize?: number;
}

interface Opened {
  device: UsbDeviceLike;
  interfaceNumber: number;
  out: UsbEndpointLike;
  in: UsbEndpointLike | undefined;
  detachedKernelDriver: boolean;
}

export class UsbTransport implements Transport {
  readonly address: string;
  private readonly listeners = new Listeners<TransportEvents>();
  private opened: Opened | null = null;
  private opening: Promise<void> | null = null;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: UsbOptions,
    private readonly usb: UsbApi = nodeUsb,
  ) {
    const id = `${hex4(options.vendorId)}:${hex4(options.productId)}`;
    this.address = `usb://${id}${options.serialNumber ? `/${options.serialNumber}` : ''}${options.bus ? `@${options.bus}` : ''}`;
  }

  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): () => void {
    return this.listeners.on(event, listener);
  }

  open(): Promise<void> {
    if (this.opened) return Promise.resolve();
    this.opening ??= this.openDevice().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  write(bytes: Uint8Array): Promise<void> {
    // One write at a time, so the chunks of two receipts never interleave.
    const result = this.writes.then(() => this.writeChunks(bytes));
    this.writes = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.opening?.catch(() => undefined);
    const opened = this.opened;
    if (!opened) return;
    this.opened = null;
    await release(opened);
    this.listeners.emit('close');
  }

  private async openDevice(): Promise<void> {
    const device = await this.find();
    await attempt(() => device.open(), this.address, 'io');
    try {
      this.opened = await this.claim(device);
    } catch (error) {
      await device.close().catch(() => undefined);
      throw error;
    }
    if (this.opened.in) void this.readLoop(this.opened, this.opened.in);
  }

  private async find(): Promise<UsbDeviceLike> {
    const { vendorId, productId, serialNumber, bus } = this.options;
    const devices = await attempt(() => this.usb.getDevices(), this.address, 'not-found');
    const device = devices.find(
      (candidate) =>
        candidate.vendorId === vendorId &&
        candidate.productId === productId &&
        (serialNumber === undefined || candidate.serialNumber === serialNumber) &&
        (bus === undefined || candidate.bus === bus),
    );
    if (!device) throw new TransportError('not-found', `${this.address}: no such USB device is plugged in`);
    return device;
  }

  private async claim(device: UsbDeviceLike): Promise<Opened> {
    if (!device.configuration) await attempt(() => device.selectConfiguration(1), this.address, 'io');
    const printer = this.printerInterface(device.configuration?.interfaces ?? []);
    const endpoints = printer.alternate.endpoints.filter((endpoint) => endpoint.type === 'bulk');
    const out = endpoints.find((endpoint) => endpoint.direction === 'out');
    if (!out)
      throw new TransportError(
        'not-found',
        `${this.address}: the printer interface has no bulk OUT endpoint`,
      );
    const number = printer.interfaceNumber;
    let detachedKernelDriver = false;
    try {
      await device.claimInterface(number);
    } catch (error) {
      if (usbError(error, this.address, 'busy').kind !== 'busy' || !device.detachKernelDriver) {
        throw usbError(error, this.address, 'busy');
      }
      try {
        await device.detachKernelDriver(number);
        detachedKernelDriver = true;
        await device.claimInterface(number);
      } catch (retryError) {
        if (detachedKernelDriver) await device.attachKernelDriver?.(number).catch(() => undefined);
        const failure = usbError(retryError, this.address, 'busy');
        throw failure.kind === 'access-denied'
          ? failure
          : new TransportError(
              'busy',
              `${this.address}: held by the usblp kernel driver or another program`,
              {
                cause: retryError,
              },
            );
      }
    }
    return {
      device,
      interfaceNumber: number,
      out,
      in: endpoints.find((endpoint) => endpoint.direction === 'in'),
      detachedKernelDriver,
    };
  }

  private printerInterface(interfaces: readonly UsbInterfaceLike[]): UsbInterfaceLike {
    const wanted = this.options.interfaceNumber;
    const found =
      wanted === undefined
        ? interfaces.find(
            (candidate) =>
              candidate.alternate.interfaceClass === USB_CLASS_PRINTER &&
              candidate.alternate.endpoints.some((e) => e.type === 'bulk' && e.direction === 'out'),
          )
        : interfaces.find((candidate) => candidate.interfaceNumber === wanted);
    if (!found) {
      const which = wanted === undefined ? 'no printer-class interface' : `no interface ${wanted}`;
      throw new TransportError('not-found', `${this.address}: ${which}`);
    }
    return found;
  }

  private async writeChunks(bytes: Uint8Array): Promise<void> {
    const { writeTimeoutMs = 5000, chunkSize = 4096 } = this.options;
    for (let offset = 0; offset < bytes.byteLength; offset += chunkSize) {
      const opened = this.opened;
      if (!opened) throw new TransportError('disconnected', `${this.address} is not open`);
      // A copy: WebUSB takes ArrayBuffer-backed views only, and the caller may reuse its buffer.
      const chunk = bytes.slice(offset, offset + chunkSize);
      let result;
      try {
        result = await opened.device.transferOut(opened.out.endpointNumber, chunk, writeTimeoutMs);
      } catch (error) {
        const failure = usbError(error, this.address, 'io');
        if (failure.kind === 'timeout') {
          throw new TransportError(
            'timeout',
            `${this.address}: the printer took no data for ${writeTimeoutMs} ms (paper out or cover open?)`,
            { cause: error },
          );
        }
        if (failure.kind === 'disconnected') this.lost(opened, failure);
        throw failure;
      }
      if (result.status === 'stall') {
        await opened.device.clearHalt('out', opened.out.endpointNumber).catch(() => undefined);
        throw new TransportError('io', `${this.address}: the printer stalled the transfer`);
      }
      if (result.bytesWritten !== chunk.byteLength) {
        throw new TransportError(
          'io',
          `${this.address}: ${result.bytesWritten} of ${chunk.byteLength} bytes sent`,
        );
      }
    }
  }

  private async readLoop(opened: Opened, endpoint: UsbEndpointLike): Promise<void> {
    const { readTimeoutMs = 1000 } = this.options;
    while (this.opened === opened) {
      let result;
      try {
        result = await opened.device.transferIn(endpoint.endpointNumber, endpoint.packetSize, readTimeoutMs);
      } catch (error) {
        if (this.opened !== opened) return;
        const failure = usbError(error, this.address, 'io');
        // No status to read is the normal case: a timeout just starts the next read.
        if (failure.kind === 'timeout') continue;
        this.lost(opened, failure);
        return;
      }
      if (this.opened !== opened) return;
      if (result.status === 'stall') {
        await opened.device.clearHalt('in', endpoint.endpointNumber).catch(() => undefined);
        continue;
      }
      const data = result.data;
      if (data && data.byteLength > 0) {
        this.listeners.emit(
          'data',
          new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
        );
      } else {
        // Some printers answer an empty packet at once instead of waiting: do not spin on them.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  private lost(opened: Opened, failure: TransportError): void {
    if (this.opened !== opened) return;
    this.opened = null;
    this.listeners.emit('error', failure);
    void release(opened);
    this.listeners.emit('close');
  }
}

async function release(opened: Opened): Promise<void> {
  const { device, interfaceNumber } = opened;
  await device.releaseInterface(interfaceNumber).catch(() => undefined);
  if (opened.detachedKernelDriver) await device.attachKernelDriver?.(interfaceNumber).catch(() => undefined);
  await device.close().catch(() => undefined);
}

async function attempt<T>(
  action: () => Promise<T>,
  address: string,
  fallback: TransportErrorKind,
): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw usbError(error, address, fallback);
  }
}

// The usb package (nusb underneath) reports errors as text, e.g. "claimInterface error: interface
// is busy", "transferIn error: device disconnected", "getDevices error: /sys/bus/usb/devices/ not found".
const patterns: [RegExp, TransportErrorKind, string][] = [
  [/disconnected|No such device/i, 'disconnected', 'the printer was unplugged'],
  [/timed out|timeout|cancelled/i, 'timeout', 'the transfer timed out'],
  [
    /permission denied|access denied/i,
    'access-denied',
    'access denied (install the udev rules, see deploy/linux)',
  ],
  [/busy|already claimed/i, 'busy', 'the interface is held by another driver or program'],
  [/not found|no such/i, 'not-found', 'no such USB device'],
];

/** Maps a usb error to a TransportError; exported for the errors a test machine cannot produce. */
export function usbError(error: unknown, address: string, fallback: TransportErrorKind): TransportError {
  const message = error instanceof Error ? error.message : String(error);
  for (const [pattern, kind, text] of patterns) {
    if (pattern.test(message)) return new TransportError(kind, `${address}: ${text}`, { cause: error });
  }
  return new TransportError(fallback, `${address}: ${message}`, { cause: error });
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}
