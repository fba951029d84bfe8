// Buses for discovery tests. A HID bus whose list the test writes, over the virtual HID scanners;
// and a USB bus with a receipt printer that enumerates as printer class 7 and carries its bulk
// transfers to a virtual printer over TCP, so the USB transport, the driver and the printer's
// decoder all handle real bytes.
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { VirtualHidBus } from '../../simulators/hid-scanner';
import type { HidDeviceLike, UsbConfigurationLike, UsbDeviceLike } from '../../transports/native-shapes';
import type { HidBus, HidDeviceInfo, UsbBus } from '../types';

export class ListedHidBus implements HidBus {
  list: HidDeviceInfo[] = [];

  constructor(private readonly bus: VirtualHidBus) {}

  async devices(): Promise<HidDeviceInfo[]> {
    return [...this.list];
  }

  open(path: string): Promise<HidDeviceLike> {
    return this.bus.open(path);
  }
}

export class BridgedUsbPrinter implements UsbDeviceLike {
  readonly deviceClass = 0;
  readonly configuration: UsbConfigurationLike = {
    configurationValue: 1,
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
  private socket: Socket | null = null;
  private inbox: number[] = [];
  private wake: (() => void) | null = null;
  private pulled = false;

  constructor(
    readonly vendorId: number,
    readonly productId: number,
    private readonly port: number,
    readonly serialNumber = 'J7TF012345',
    readonly productName = 'TM-T20II',
  ) {}

  async open(): Promise<void> {
    if (this.pulled) throw new Error('open error: No such device');
    const socket = connect(this.port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      this.inbox.push(...chunk);
      this.wake?.();
    });
    socket.on('close', () => this.wake?.());
    this.socket = socket;
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    this.socket = null;
    this.wake?.();
  }

  /** The cable is pulled: transfers fail as the usb package reports it. */
  pull(): void {
    this.pulled = true;
    void this.close();
  }

  async selectConfiguration(): Promise<void> {}
  async claimInterface(): Promise<void> {}
  async releaseInterface(): Promise<void> {}
  async clearHalt(): Promise<void> {}

  async transferOut(_endpoint: number, data: Uint8Array<ArrayBuffer>): Promise<{ bytesWritten: number }> {
    const socket = this.usable('transferOut');
    await new Promise<void>((resolve, reject) =>
      socket.write(data, (error) => (error ? reject(error) : resolve())),
    );
    return { bytesWritten: data.byteLength };
  }

  async transferIn(_endpoint: number, length: number, timeout = 1000): Promise<{ data: DataView }> {
    this.usable('transferIn');
    if (this.inbox.length === 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeout);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
    this.usable('transferIn');
    if (this.inbox.length === 0) throw new Error('transferIn error: timed out');
    return { data: new DataView(Uint8Array.from(this.inbox.splice(0, length)).buffer) };
  }

  private usable(what: string): Socket {
    if (!this.socket || this.socket.destroyed) throw new Error(`${what} error: device disconnected`);
    return this.socket;
  }
}

export class TestUsbBus implements UsbBus {
  private plugged: UsbDeviceLike[] = [];
  private readonly watchers = new Set<() => void>();

  async getDevices(): Promise<UsbDeviceLike[]> {
    return [...this.plugged];
  }

  async watch(onChange: () => void): Promise<() => void> {
    this.watchers.add(onChange);
    return () => this.watchers.delete(onChange);
  }

  plug(device: UsbDeviceLike): void {
    this.plugged.push(device);
    for (const watcher of this.watchers) watcher();
  }

  unplug(device: BridgedUsbPrinter): void {
    this.plugged = this.plugged.filter((candidate) => candidate !== device);
    device.pull();
    for (const watcher of this.watchers) watcher();
  }
}
