// A HID POS scanner behind the same node-hid-shaped interface the HID transport uses: tests and the
// demo feed it recorded input reports (bytes as the scanner sends them, report id first) and the
// driver reads them as from /dev/hidrawN. It also records what the driver sends (output and feature
// reports, e.g. the command that puts a Honeywell scanner in HID POS mode), and can be unplugged.
import { EventEmitter } from 'node:events';
import type { HidApi, HidDeviceLike } from '../transports/native-shapes';

export class VirtualHidScanner {
  /** Output reports the driver wrote, in order. */
  readonly outputReports: Uint8Array[] = [];
  /** Feature reports the driver sent, in order. */
  readonly featureReports: Uint8Array[] = [];
  private readonly handles = new Set<VirtualHidHandle>();

  constructor(
    /** The path it is listed under, e.g. "/dev/hidraw-virtual0". */
    readonly path: string,
    /** What a feature report read answers; zeros of the asked length by default. */
    private readonly featureAnswer: (reportId: number, length: number) => Uint8Array = (reportId, length) => {
      const answer = new Uint8Array(length);
      answer[0] = reportId;
      return answer;
    },
  ) {}

  /** How many handles the driver holds open. */
  get openHandles(): number {
    return this.handles.size;
  }

  /** Sends one input report to every open handle now. */
  sendReport(report: Uint8Array): void {
    for (const handle of this.handles) handle.deliver(Buffer.from(report));
  }

  /** Sends reports one after another, each on a later turn of the event loop, as reads complete. */
  async sendReports(reports: readonly Uint8Array[], options: { intervalMs?: number } = {}): Promise<void> {
    for (const report of reports) {
      await new Promise((resolve) =>
        options.intervalMs ? setTimeout(resolve, options.intervalMs) : setImmediate(resolve),
      );
      this.sendReport(report);
    }
  }

  /** Pulls the cable: every open handle fails its read as node-hid does on Linux. */
  unplug(): void {
    for (const handle of [...this.handles]) {
      handle.fail(
        new Error(
          'could not read data from device: hid_read_timeout: unexpected poll error (device disconnected)',
        ),
      );
    }
  }

  /** Used by VirtualHidBus: a fresh handle, as each HIDAsync.open gives. */
  openHandle(): HidDeviceLike {
    const handle = new VirtualHidHandle(this, () => this.handles.delete(handle));
    this.handles.add(handle);
    return handle;
  }

  /** Used by the handles. */
  answerFeature(reportId: number, length: number): Buffer {
    return Buffer.from(this.featureAnswer(reportId, length));
  }
}

class VirtualHidHandle implements HidDeviceLike {
  private readonly events = new EventEmitter();
  private closed = false;

  constructor(
    private readonly scanner: VirtualHidScanner,
    private readonly onClose: () => void,
  ) {}

  on(event: 'data', listener: (report: Uint8Array) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'data' | 'error', listener: ((report: Uint8Array) => void) | ((error: Error) => void)): this {
    this.events.on(event, listener);
    return this;
  }

  deliver(report: Buffer): void {
    if (!this.closed) this.events.emit('data', report);
  }

  fail(error: Error): void {
    if (!this.closed) this.events.emit('error', error);
  }

  async write(report: Buffer): Promise<number> {
    this.assertOpen('Cannot write to hid device');
    this.scanner.outputReports.push(new Uint8Array(report));
    return report.byteLength;
  }

  async sendFeatureReport(report: Buffer): Promise<number> {
    this.assertOpen('could not send feature report to device');
    this.scanner.featureReports.push(new Uint8Array(report));
    return report.byteLength;
  }

  async getFeatureReport(reportId: number, length: number): Promise<Buffer> {
    this.assertOpen('could not get feature report from device');
    return this.scanner.answerFeature(reportId, length);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.events.removeAllListeners();
    this.onClose();
  }

  private assertOpen(what: string): void {
    // node-hid's own words, so error mapping is tested against what the real module says.
    if (this.closed) throw new Error(`${what}: device has been closed`);
  }
}

/** The list of plugged-in virtual devices, opened by path as node-hid opens real ones. */
export class VirtualHidBus implements HidApi {
  private readonly plugged = new Map<string, VirtualHidScanner>();
  private readonly denied = new Set<string>();

  plug(scanner: VirtualHidScanner): void {
    this.plugged.set(scanner.path, scanner);
  }

  unplug(path: string): void {
    this.plugged.get(path)?.unplug();
    this.plugged.delete(path);
  }

  /** Makes opening `path` fail as it does without the udev rule. */
  deny(path: string): void {
    this.denied.add(path);
  }

  async open(path: string): Promise<HidDeviceLike> {
    const prefix = `cannot open device with path ${path}: Failed to open a device with path '${path}'`;
    if (this.denied.has(path)) throw new Error(`${prefix}: Permission denied`);
    const scanner = this.plugged.get(path);
    if (!scanner) throw new Error(`${prefix}: No such file or directory`);
    return scanner.openHandle();
  }
}
