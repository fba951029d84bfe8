// HID interfaces (HID POS scanners, some card readers and displays) through node-hid's HIDAsync.
// Input reports arrive as data events, one report per event; writes send output reports.
import { Listeners } from './listeners';
import type { HidApi, HidDeviceLike } from './native-shapes';
import { TransportError } from './types';
import type { Transport, TransportErrorKind, TransportEvents } from './types';

/** The real node-hid, loaded on the first open. */
export const nodeHid: HidApi = {
  async open(path) {
    const { HIDAsync } = await import('node-hid');
    return HIDAsync.open(path);
  },
};

export interface HidOptions {
  /** The path from node-hid's device list (Linux: /dev/hidrawN; Windows: \\?\HID#VID_…). */
  path: string;
  /**
   * Zero each input report once every listener has had it, and hand listeners node-hid's own buffer
   * rather than a copy: for card readers, whose reports hold track data that must not linger in
   * memory. Listeners must then copy whatever they keep.
   */
  wipeInput?: boolean;
}

export class HidTransport implements Transport {
  readonly address: string;
  private readonly listeners = new Listeners<TransportEvents>();
  private device: HidDeviceLike | null = null;
  private opening: Promise<void> | null = null;

  constructor(
    private readonly options: HidOptions,
    private readonly hid: HidApi = nodeHid,
  ) {
    this.address = `hid://${options.path}`;
  }

  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): () => void {
    return this.listeners.on(event, listener);
  }

  open(): Promise<void> {
    if (this.device) return Promise.resolve();
    this.opening ??= this.openDevice().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  /** Sends an output report: `report[0]` is the report id, 0 for a device without numbered reports. */
  write(report: Uint8Array): Promise<void> {
    return this.withDevice(async (device) => {
      await device.write(toBuffer(report));
    });
  }

  /** Sends a feature report, e.g. the one that switches a Honeywell scanner into HID POS mode. */
  sendFeatureReport(report: Uint8Array): Promise<void> {
    return this.withDevice(async (device) => {
      await device.sendFeatureReport(toBuffer(report));
    });
  }

  getFeatureReport(reportId: number, length: number): Promise<Uint8Array> {
    return this.withDevice(async (device) => new Uint8Array(await device.getFeatureReport(reportId, length)));
  }

  async close(): Promise<void> {
    await this.opening?.catch(() => undefined);
    const device = this.device;
    if (!device) return;
    this.device = null;
    await device.close().catch(() => undefined);
    this.listeners.emit('close');
  }

  private async openDevice(): Promise<void> {
    let device: HidDeviceLike;
    try {
      device = await this.hid.open(this.options.path);
    } catch (error) {
      const failure = hidError(error, this.address, 'not-found');
      // Gone between listing and opening is simply not there.
      throw failure.kind === 'disconnected'
        ? new TransportError('not-found', failure.message, { cause: error })
        : failure;
    }
    this.device = device;
    device.on('data', (report) => {
      if (this.device !== device) return;
      if (!this.options.wipeInput) {
        this.listeners.emit('data', new Uint8Array(report));
        return;
      }
      const bytes = new Uint8Array(report.buffer, report.byteOffset, report.byteLength);
      try {
        this.listeners.emit('data', bytes);
      } finally {
        bytes.fill(0);
      }
    });
    // A read error ends node-hid's read loop: the device is as good as gone, so close it.
    device.on('error', (error) => {
      if (this.device !== device) return;
      this.device = null;
      this.listeners.emit('error', hidError(error, this.address, 'disconnected'));
      void device.close().catch(() => undefined);
      this.listeners.emit('close');
    });
  }

  private async withDevice<T>(action: (device: HidDeviceLike) => Promise<T>): Promise<T> {
    const device = this.device;
    if (!device) throw new TransportError('disconnected', `${this.address} is not open`);
    try {
      return await action(device);
    } catch (error) {
      throw hidError(error, this.address, 'io');
    }
  }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// hidapi puts strerror() text or its own words after node-hid's prefix, e.g. "cannot open device
// with path /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': Permission denied".
const patterns: [RegExp, TransportErrorKind, string][] = [
  [
    /device disconnected|No such device|device has been closed|Input\/output error/i,
    'disconnected',
    'the device went away',
  ],
  [/No such file or directory|not found|not a HIDRAW device/i, 'not-found', 'no such HID device'],
  [
    /Permission denied|Access is denied|Operation not permitted/i,
    'access-denied',
    'access denied (Linux: install the udev rules; Windows: keyboard-mode scanners cannot be opened, switch the scanner to HID POS)',
  ],
  [/busy|ExclusiveAccess/i, 'busy', 'the device is held by another program'],
];

/** Maps a node-hid error to a TransportError; exported for the errors a test machine cannot produce. */
export function hidError(error: unknown, address: string, fallback: TransportErrorKind): TransportError {
  const message = error instanceof Error ? error.message : String(error);
  for (const [pattern, kind, text] of patterns) {
    if (pattern.test(message)) return new TransportError(kind, `${address}: ${text}`, { cause: error });
  }
  return new TransportError(fallback, `${address}: ${message}`, { cause: error });
}
