// The one face of the device layer that main's services see. Devices are opened, claimed and
// enabled by the manager (UnifiedPOS semantics); services only receive data events and print.
import type { DeviceSettings, SerialScannerFraming } from '../../contract/config';
import type { DeviceProblem, DeviceSnapshot } from '../../contract/devices';
import type { CardRanges, CardRead } from '../card-reader/swipe';
import type { PrinterProfile } from '../printer/profiles';
import type { PrinterStatus } from '../printer/status';
import type { ScanEvent } from '../scanner/types';
import type { VirtualSerialCardReader } from '../simulators/card-reader';
import type { VirtualHidCardReader } from '../simulators/hid-card-reader';
import type { VirtualHidBus, VirtualHidScanner } from '../simulators/hid-scanner';
import type { VirtualSerialScanner } from '../simulators/serial-scanner';
import type { VirtualPrinter } from '../simulators/virtual-printer';
import type { HidApi, UsbApi } from '../transports/native-shapes';
import type { BackoffPolicy } from '../transports/reconnecting';
import type { Scheduler } from '../transports/scheduler';

export type PrintOutcome = { ok: true } | { ok: false; problem: DeviceProblem };

export type StatusOutcome = { ok: true; value: PrinterStatus } | { ok: false; problem: DeviceProblem };

/** The receipt printer role, whatever transport and model sit behind it. */
export interface ReceiptPrinterPort {
  readonly deviceId: string;
  readonly profile: PrinterProfile;
  /** Reads the real-time status (DLE EOT); a problem when the printer does not answer in time. */
  status(): Promise<StatusOutcome>;
  /**
   * Sends one whole job and confirms the printer took it: status is checked before (nothing is sent
   * to a printer without paper) and after (paper that ran out mid-job fails the job, which is then
   * printed again whole once the printer is ready; the printer's buffer is cleared first so the
   * customer does not get the tail of the first attempt).
   */
  print(bytes: Uint8Array): Promise<PrintOutcome>;
}

export interface DeviceManagerEvents {
  /**
   * A device appeared, changed state, problem or warning, counted an input, or went away (then with
   * state 'closed', after which it is no longer in `snapshots()`).
   */
  changed: (snapshot: DeviceSnapshot) => void;
  /** A label from any scanner, in order of arrival. */
  scan: (event: ScanEvent) => void;
  /** A card swiped on a magnetic stripe reader; payment cards arrive masked, never as numbers. */
  swipe: (read: CardRead, deviceId: string) => void;
}

/** The virtual devices attached in demo mode (`simulate`), for "simulate a scan" controls and tests. */
export interface SimulatorHandles {
  /** The network printer on 127.0.0.1: paper, cover, cable (`unplug`/`plugIn`), printed receipts. */
  printer: VirtualPrinter | null;
  /** A serial scanner on a socat pty; null when socat is missing (its snapshot then says why). */
  serialScanner: VirtualSerialScanner | null;
  /** A HID POS scanner reading the generic report layout (`genericLayout`). */
  hidScanner: VirtualHidScanner | null;
  /**
   * The bus the simulated HID devices (`hidScanner`, `hidCardReader`) are plugged into:
   * `unplug(path)` and `plug(device)` pull and put back a cable.
   */
  hidBus: VirtualHidBus | null;
  /** A magnetic stripe reader in serial mode on a socat pty; null when socat is missing. */
  cardReader: VirtualSerialCardReader | null;
  /** A magnetic stripe reader in HID mode sending MagTek-layout reports (`magtekLayout`). */
  hidCardReader: VirtualHidCardReader | null;
}

export interface DeviceManager {
  /** Discovers and attaches devices and simulators; resolves once each has had its first try to open. */
  start(): Promise<void>;
  /** Closes every device, releases claims, stops timers and simulators; safe to call twice. */
  stop(): Promise<void>;
  snapshots(): DeviceSnapshot[];
  /** The receipt printer, or null while none is configured, found or simulated. */
  printer(): ReceiptPrinterPort | null;
  simulators(): SimulatorHandles;
  on<E extends keyof DeviceManagerEvents>(event: E, listener: DeviceManagerEvents[E]): () => void;
}

/** The config file's `devices`, with the scanner settings serial scanners and card readers need. */
export type DeviceManagerSettings = DeviceSettings & {
  /** `scanner.serial`: how serial scanners frame a label. Default: the schema's defaults. */
  scannerFraming?: SerialScannerFraming;
  /** `scanner.loyaltyCards` / `giftCards`: what a swipe on a card reader is. Default: the schema's. */
  cardRanges?: CardRanges;
};

/** A HID interface as node-hid's device list describes it. */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  /** What `open` takes (Linux: /dev/hidrawN); entries without one cannot be opened. */
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

/** node-hid as discovery uses it: list the HID interfaces, open one by path. */
export interface HidBus extends HidApi {
  devices(): Promise<HidDeviceInfo[]>;
}

/** The usb package as discovery uses it: list the devices, and hear when one comes or goes. */
export interface UsbBus extends UsbApi {
  /**
   * Calls `onChange` when a USB device is plugged in or out; resolves with the function that stops
   * it, rejects when hot-plug events are not available (discovery then polls).
   */
  watch?(onChange: () => void): Promise<() => void>;
}

export interface SerialPortInfo {
  path: string;
}

/** Where the device layer writes what IT needs; never card data, never scanned labels. */
export interface DeviceLog {
  info(event: string, fields?: Record<string, string | number | boolean | null>): void;
  warn(event: string, fields?: Record<string, string | number | boolean | null>): void;
}

export interface DeviceManagerOptions {
  /** HID scanners and card readers are looked for only when given (`nativeDeviceApis().hid` for node-hid). */
  hid?: HidBus;
  /** USB printer-class printers are looked for only when given (`nativeDeviceApis().usb`). */
  usb?: UsbBus;
  /** Lists serial ports, so a configured port that appears is opened at once, not at its next retry. */
  listSerial?: () => Promise<readonly SerialPortInfo[]>;
  /** Timers: retries, status polls, hot-plug polls, the serial framer's silence rule. */
  scheduler?: Scheduler;
  /** Time stamps of scans and snapshots. Default: the scheduler's clock. */
  now?: () => number;
  log?: DeviceLog;
  /** How often the HID, serial (and, without hot-plug events, USB) lists are read. Default 2000 ms. */
  hotplugPollMs?: number;
  /** Reopening devices that failed or went away. Default: `defaultBackoff`. */
  backoff?: Partial<BackoffPolicy>;
  /**
   * How often an idle printer's status is read, so a cover opened or paper near its end shows before
   * the next receipt; 0 never. Default 5000 ms. (While it reports a problem: `printer.statusPollMs`.)
   */
  idleStatusPollMs?: number;
  /** How long a printer has to answer a status request. Default 1000 ms. */
  statusTimeoutMs?: number;
  /** How long `start()` waits for devices' first try to open before it resolves anyway. Default 3000 ms. */
  startTimeoutMs?: number;
}
