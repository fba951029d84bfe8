// The device manager: finds the till's peripherals (HID scanners and card readers and USB receipt
// printers by themselves, serial and network devices from the settings), opens and claims each through a
// reconnecting transport, follows hot-plug, and attaches virtual devices where the settings ask for
// a simulation. Services see only snapshots, data events and the printer port.
import { ScannerSettings, SerialScannerFraming } from '../../contract/config';
import type { DeviceProblem, DeviceRole, DeviceSnapshot } from '../../contract/devices';
import { magtekLayout } from '../card-reader/hid-msr-layouts';
import type { HidMsrLayout } from '../card-reader/hid-msr-layouts';
import type { CardRanges } from '../card-reader/swipe';
import { printerProfiles } from '../printer/profiles';
import type { PrinterProfile } from '../printer/profiles';
import { genericLayout, layoutForVendor } from '../scanner/hid-pos-layouts';
import { VirtualSerialCardReader } from '../simulators/card-reader';
import { VirtualHidCardReader } from '../simulators/hid-card-reader';
import { VirtualHidBus, VirtualHidScanner } from '../simulators/hid-scanner';
import { PtyPairError } from '../simulators/pty-pair';
import { VirtualSerialScanner } from '../simulators/serial-scanner';
import { VirtualPrinter } from '../simulators/virtual-printer';
import { ClaimRegistry } from '../transports/claim';
import { HidTransport } from '../transports/hid';
import { Listeners } from '../transports/listeners';
import type { UsbDeviceLike } from '../transports/native-shapes';
import { systemScheduler } from '../transports/scheduler';
import type { Scheduler } from '../transports/scheduler';
import { SerialTransport } from '../transports/serial';
import { TcpTransport } from '../transports/tcp';
import { UsbTransport } from '../transports/usb';
import { messageOf } from './connection';
import { DeviceRecord } from './device-record';
import type { DeviceIdentity } from './device-record';
import {
  hidCardReaderId,
  hidCardReaders,
  hidDeviceId,
  hidPosScanners,
  usbAddress,
  usbPrinterId,
  usbPrinterWanted,
  usbPrinters,
} from './discovery';
import type { ListedHid, ListedHidCardReader, UsbPrinterCandidate, UsbWanted } from './discovery';
import {
  attachCardReader,
  attachHidCardReader,
  attachHidScanner,
  attachSerialScanner,
} from './input-devices';
import type { AttachedDevice, InputContext } from './input-devices';
import { PrinterDevice } from './printer-device';
import type { PrinterContext } from './printer-device';
import type {
  DeviceLog,
  DeviceManager,
  DeviceManagerEvents,
  DeviceManagerOptions,
  DeviceManagerSettings,
  ReceiptPrinterPort,
  SimulatorHandles,
} from './types';

/** Where the simulated HID scanner and card reader are listed on their virtual bus. */
const SIMULATED_HID_PATH = '/dev/hidraw-omnitill-simulated';
const SIMULATED_HID_MSR_PATH = '/dev/hidraw-omnitill-simulated-msr';

/** Ids of the simulated devices: stable, so the devices page shows the same rows on every start. */
export const simulatedIds = {
  printer: 'sim:printer',
  serialScanner: 'sim:serial-scanner',
  hidScanner: 'sim:hid-scanner',
  cardReader: 'sim:card-reader',
  hidCardReader: 'sim:hid-card-reader',
} as const;

type SimulatedRole = Exclude<DeviceRole, 'payment-terminal' | 'drawer'>;

const silentLog: DeviceLog = { info: () => undefined, warn: () => undefined };

const noSimulators = (): SimulatorHandles => ({
  printer: null,
  serialScanner: null,
  hidScanner: null,
  hidBus: null,
  cardReader: null,
  hidCardReader: null,
});

export function createDeviceManager(
  settings: DeviceManagerSettings,
  options: DeviceManagerOptions = {},
): DeviceManager {
  return new Manager(settings, options);
}

class Manager implements DeviceManager {
  private readonly listeners = new Listeners<DeviceManagerEvents>();
  private readonly scheduler: Scheduler;
  private readonly now: () => number;
  private readonly log: DeviceLog;
  private readonly claims: ClaimRegistry;
  private readonly framing: SerialScannerFraming;
  private readonly ranges: CardRanges;
  private readonly profile: PrinterProfile;
  private readonly devices = new Map<string, AttachedDevice>();
  /** Ids of HID devices attached from the bus list, so one missing from the list can be let go. */
  private readonly listedHidIds = new Set<string>();
  private printerDevice: PrinterDevice | null = null;
  private sims: SimulatorHandles = noSimulators();
  private started: Promise<void> | null = null;
  private setup: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private cancelPoll: (() => void) | null = null;
  private unwatchUsb: (() => void) | null = null;
  private rescanning: Promise<void> | null = null;
  private rescanAgain = false;
  /** Buses whose list failed, so a failure is logged once, not on every poll. */
  private readonly failingLists = new Set<string>();

  constructor(
    private readonly settings: DeviceManagerSettings,
    private readonly options: DeviceManagerOptions,
  ) {
    this.scheduler = options.scheduler ?? systemScheduler;
    this.now = options.now ?? (() => this.scheduler.now());
    this.log = options.log ?? silentLog;
    this.claims = new ClaimRegistry(this.scheduler);
    this.framing = settings.scannerFraming ?? SerialScannerFraming.parse({});
    this.ranges = settings.cardRanges ?? ScannerSettings.parse({});
    this.profile = printerProfiles[settings.printer.profile];
  }

  start(): Promise<void> {
    this.started ??= this.begin();
    return this.started;
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  snapshots(): DeviceSnapshot[] {
    return [...this.devices.values()].map((device) => device.record.snapshot);
  }

  printer(): ReceiptPrinterPort | null {
    return this.printerDevice;
  }

  simulators(): SimulatorHandles {
    return { ...this.sims };
  }

  on<E extends keyof DeviceManagerEvents>(event: E, listener: DeviceManagerEvents[E]): () => void {
    return this.listeners.on(event, listener);
  }

  private async begin(): Promise<void> {
    if (this.stopping) return;
    this.setup = this.attachAll();
    await this.setup;
    if (this.stopping) return;
    await this.firstTries();
  }

  private async attachAll(): Promise<void> {
    const { hid, usb } = this.options;
    const wantedUsb = this.usbWanted();
    const [hidList, usbList] = await Promise.all([
      hid ? this.list('hid', () => hid.devices()) : null,
      usb && wantedUsb ? this.list('usb', () => usb.getDevices()) : null,
    ]);
    for (const info of hidPosScanners(hidList ?? [])) this.attachListedHidScanner(info);
    for (const info of hidCardReaders(hidList ?? [])) this.attachListedHidCardReader(info);
    for (const port of this.settings.serialScanners) {
      this.attachSerialScanner(
        this.identity(`serial:${port.path}`, 'scanner', 'Serial scanner', port.path),
        port,
      );
    }
    for (const port of this.settings.serialCardReaders) {
      this.attachCardReader(
        this.identity(`serial:${port.path}`, 'card-reader', 'Card reader', port.path),
        port,
      );
    }
    if (this.settings.simulate !== 'always') this.attachConfiguredPrinter(usbList ?? []);
    else if (this.settings.printer.connection)
      this.log.info('printer.configured_ignored', { simulate: 'always' });

    await this.attachSimulators();
    await this.startHotplug();
  }

  /** 'always', or 'auto' for a role with nothing configured or found. */
  private simulates(role: SimulatedRole): boolean {
    const { simulate } = this.settings;
    return simulate === 'always' || (simulate === 'auto' && !this.hasReal(role));
  }

  private hasReal(role: SimulatedRole): boolean {
    return [...this.devices.values()].some(({ record }) => {
      const { role: its, simulated } = record.snapshot;
      return its === role && !simulated;
    });
  }

  private async firstTries(): Promise<void> {
    let cancel: () => void = () => undefined;
    const timeout = new Promise<void>((resolve) => {
      cancel = this.scheduler.after(this.options.startTimeoutMs ?? 3000, resolve);
    });
    const tries = [...this.devices.values()].map((device) => device.connection?.firstTry);
    await Promise.race([Promise.all(tries), timeout]);
    cancel();
  }

  // ---- devices -------------------------------------------------------------------------------

  private identity(
    wantedId: string,
    role: DeviceRole,
    name: string,
    address: string,
    transport: DeviceSnapshot['transport'] = 'serial',
    simulated = false,
  ): DeviceIdentity {
    // The same port named for two roles is shown twice (the second refused as busy), so ids stay unique.
    let id = wantedId;
    for (let n = 2; this.devices.has(id); n++) id = `${wantedId}/${role}${n > 2 ? n : ''}`;
    return { id, role, name, address, transport, simulated };
  }

  private record(identity: DeviceIdentity): DeviceRecord {
    return new DeviceRecord(identity, this.now, (snapshot) => this.emit('changed', snapshot));
  }

  private emit<E extends keyof DeviceManagerEvents>(
    event: E,
    ...args: Parameters<DeviceManagerEvents[E]>
  ): void {
    try {
      this.listeners.emit(event, ...args);
    } catch (error) {
      // A listener's bug must not break the device's data path (this runs inside transport callbacks).
      this.log.warn('device.listener_failed', { event, reason: messageOf(error) });
    }
  }

  private get inputContext(): InputContext {
    return {
      claims: this.claims,
      scheduler: this.scheduler,
      backoff: this.options.backoff,
      log: this.log,
      now: this.now,
      scan: (event) => this.emit('scan', event),
      swipe: (read, deviceId) => this.emit('swipe', read, deviceId),
    };
  }

  private get printerContext(): PrinterContext {
    return {
      claims: this.claims,
      scheduler: this.scheduler,
      backoff: this.options.backoff,
      log: this.log,
      statusPollMs: this.settings.printer.statusPollMs,
      idleStatusPollMs: this.options.idleStatusPollMs ?? 5000,
      statusTimeoutMs: this.options.statusTimeoutMs ?? 1000,
    };
  }

  private add(device: AttachedDevice): void {
    this.devices.set(device.record.id, device);
    this.log.info('device.attached', {
      deviceId: device.record.id,
      simulated: device.record.snapshot.simulated,
    });
  }

  /** A device that cannot be opened at all (a simulator that could not start): shown, with why. */
  private addUnavailable(identity: DeviceIdentity, problem: DeviceProblem, error: unknown): void {
    const record = this.record(identity);
    record.set({ state: 'error', problem });
    this.devices.set(identity.id, { record, connection: null, close: async () => undefined });
    this.log.warn('device.unavailable', { deviceId: identity.id, problem, reason: messageOf(error) });
  }

  private async remove(id: string): Promise<void> {
    const device = this.devices.get(id);
    if (!device) return;
    this.devices.delete(id);
    this.listedHidIds.delete(id);
    if (this.printerDevice === device) this.printerDevice = null;
    await device.close();
    device.record.set({ state: 'closed' });
    this.log.info('device.removed', { deviceId: id });
  }

  /** The record and transport of a HID device from the bus list, or null when it is attached already. */
  private listedHid(
    info: ListedHid,
    role: 'scanner' | 'card-reader',
    fallbackName: string,
  ): { record: DeviceRecord; transport: HidTransport } | null {
    const hid = this.options.hid;
    const id = role === 'scanner' ? hidDeviceId(info) : hidCardReaderId(info);
    if (!hid || this.devices.has(id)) return null;
    const name = [info.manufacturer, info.product].filter(Boolean).join(' ') || fallbackName;
    const record = this.record(this.identity(id, role, name, info.path, 'hid'));
    const wipeInput = role === 'card-reader';
    this.listedHidIds.add(id);
    return { record, transport: new HidTransport({ path: info.path, wipeInput }, hid) };
  }

  private attachListedHidScanner(info: ListedHid): void {
    const listed = this.listedHid(info, 'scanner', 'HID POS scanner');
    if (!listed) return;
    const { record, transport } = listed;
    this.add(attachHidScanner(record, transport, layoutForVendor(info.vendorId), this.inputContext));
  }

  private attachListedHidCardReader(info: ListedHidCardReader): void {
    const listed = this.listedHid(info, 'card-reader', 'HID card reader');
    if (listed) this.attachHidCardReader(listed.record, listed.transport, info.layout);
  }

  private attachHidCardReader(record: DeviceRecord, transport: HidTransport, layout: HidMsrLayout): void {
    this.add(attachHidCardReader(record, transport, layout, this.ranges, this.inputContext));
  }

  private attachSerialScanner(identity: DeviceIdentity, port: { path: string; baudRate: number }): void {
    const transport = new SerialTransport({ path: port.path, baudRate: port.baudRate });
    this.add(attachSerialScanner(this.record(identity), transport, this.framing, this.inputContext));
  }

  private attachCardReader(identity: DeviceIdentity, port: { path: string; baudRate: number }): void {
    const transport = new SerialTransport({ path: port.path, baudRate: port.baudRate });
    this.add(attachCardReader(this.record(identity), transport, this.ranges, this.inputContext));
  }

  private attachConfiguredPrinter(usbList: readonly UsbDeviceLike[]): void {
    const connection = this.settings.printer.connection;
    const name = this.profile.name;
    if (connection?.transport === 'tcp') {
      const { host, port } = connection;
      const identity = this.identity(`tcp:${host}:${port}`, 'printer', name, `tcp://${host}:${port}`, 'tcp');
      this.attachPrinter(identity, new TcpTransport({ host, port }));
      return;
    }
    if (connection?.transport === 'serial') {
      const { path, baudRate } = connection;
      const identity = this.identity(`serial:${path}`, 'printer', name, path, 'serial');
      this.attachPrinter(identity, new SerialTransport({ path, baudRate }));
      return;
    }
    const wanted = usbPrinterWanted(connection) ?? {};
    const found = usbPrinters(usbList, wanted)[0];
    if (found) {
      this.attachUsbPrinter(found);
    } else if (wanted.vendorId !== undefined && wanted.productId !== undefined && this.options.usb) {
      // Named by IT but not plugged in: shown as not found, and opened when it appears.
      const { vendorId, productId } = wanted;
      const identity = this.identity(
        usbPrinterId(vendorId, productId),
        'printer',
        name,
        usbAddress(vendorId, productId),
        'usb',
      );
      this.attachPrinter(identity, new UsbTransport({ vendorId, productId }, this.options.usb));
    } else if (connection?.transport === 'usb') {
      this.log.warn('printer.not_found', { reason: 'no USB receipt printer is plugged in' });
    }
  }

  private attachUsbPrinter(candidate: UsbPrinterCandidate): void {
    const usb = this.options.usb;
    if (!usb) return;
    const { device } = candidate;
    const transport = new UsbTransport(
      {
        vendorId: device.vendorId,
        productId: device.productId,
        ...(device.serialNumber ? { serialNumber: device.serialNumber } : {}),
        ...(device.bus ? { bus: device.bus } : {}),
      },
      usb,
    );
    this.attachPrinter(
      this.identity(candidate.id, 'printer', candidate.name, candidate.address, 'usb'),
      transport,
    );
  }

  private attachPrinter(
    identity: DeviceIdentity,
    transport: TcpTransport | SerialTransport | UsbTransport,
  ): void {
    const device = new PrinterDevice(this.record(identity), transport, this.profile, this.printerContext);
    this.printerDevice = device;
    this.add(device);
  }

  // ---- simulators ----------------------------------------------------------------------------

  private async attachSimulators(): Promise<void> {
    const scanners = this.simulates('scanner');
    // Started together (each takes a socket or a socat process), attached in a fixed order.
    const [printer, serialScanner, cardReader] = await Promise.all([
      this.simulates('printer') ? settle(VirtualPrinter.start({ profile: this.profile })) : null,
      scanners ? settle(VirtualSerialScanner.start()) : null,
      this.simulates('card-reader') ? settle(VirtualSerialCardReader.start()) : null,
    ]);
    if (printer) this.simulatePrinter(printer);
    if (serialScanner) this.simulateSerialScanner(serialScanner);
    if (scanners) this.simulateHidScanner();
    if (cardReader) this.simulateCardReader(cardReader);
    if (this.simulates('card-reader')) this.simulateHidCardReader();
  }

  /** The virtual bus of the simulated HID devices, made with the first of them. */
  private simulatedHidBus(): VirtualHidBus {
    this.sims.hidBus ??= new VirtualHidBus();
    return this.sims.hidBus;
  }

  private simulatePrinter(started: Started<VirtualPrinter>): void {
    const name = `Simulated ${this.profile.name}`;
    const identity = this.identity(simulatedIds.printer, 'printer', name, '', 'tcp', true);
    if (!started.ok) return this.addUnavailable(identity, 'io', started.error);
    const printer = started.value;
    this.sims.printer = printer;
    // Real bytes on a real socket: the driver cannot tell it from a network printer.
    const transport = new TcpTransport({ host: printer.host, port: printer.port });
    this.attachPrinter({ ...identity, address: printer.address }, transport);
  }

  private simulateSerialScanner(started: Started<VirtualSerialScanner>): void {
    const name = 'Simulated serial scanner';
    const identity = this.identity(simulatedIds.serialScanner, 'scanner', name, '', 'serial', true);
    if (!started.ok)
      return this.addUnavailable(withoutSocat(identity, started.error), 'not-found', started.error);
    const scanner = started.value;
    this.sims.serialScanner = scanner;
    const path = scanner.devicePath;
    this.attachSerialScanner({ ...identity, address: path }, { path, baudRate: 9600 });
  }

  private simulateHidScanner(): void {
    const bus = this.simulatedHidBus();
    const scanner = new VirtualHidScanner(SIMULATED_HID_PATH);
    bus.plug(scanner);
    this.sims.hidScanner = scanner;
    const name = 'Simulated HID POS scanner';
    const identity = this.identity(simulatedIds.hidScanner, 'scanner', name, SIMULATED_HID_PATH, 'hid', true);
    const transport = new HidTransport({ path: SIMULATED_HID_PATH }, bus);
    this.add(attachHidScanner(this.record(identity), transport, genericLayout, this.inputContext));
  }

  private simulateCardReader(started: Started<VirtualSerialCardReader>): void {
    const name = 'Simulated card reader';
    const identity = this.identity(simulatedIds.cardReader, 'card-reader', name, '', 'serial', true);
    if (!started.ok)
      return this.addUnavailable(withoutSocat(identity, started.error), 'not-found', started.error);
    const reader = started.value;
    this.sims.cardReader = reader;
    const path = reader.devicePath;
    this.attachCardReader({ ...identity, address: path }, { path, baudRate: 9600 });
  }

  private simulateHidCardReader(): void {
    const bus = this.simulatedHidBus();
    const reader = new VirtualHidCardReader(SIMULATED_HID_MSR_PATH, magtekLayout);
    bus.plug(reader);
    this.sims.hidCardReader = reader;
    const name = 'Simulated HID card reader';
    const path = SIMULATED_HID_MSR_PATH;
    const identity = this.identity(simulatedIds.hidCardReader, 'card-reader', name, path, 'hid', true);
    const transport = new HidTransport({ path, wipeInput: true }, bus);
    this.attachHidCardReader(this.record(identity), transport, reader.layout);
  }

  /** In 'auto', a real device found later takes over from the simulated ones of its role. */
  private async retireSimulated(role: SimulatedRole): Promise<void> {
    if (this.settings.simulate !== 'auto') return;
    const simulated = [...this.devices.values()]
      .map(({ record }) => record.snapshot)
      .filter((snapshot) => snapshot.simulated && snapshot.role === role);
    if (simulated.length === 0) return;
    // The handles go first, so no "simulate a scan" reaches a device being let go.
    const sims = this.sims;
    const retired: (() => Promise<void>)[] = [];
    if (role === 'printer') {
      this.sims = { ...sims, printer: null };
      retired.push(async () => sims.printer?.close());
    } else if (role === 'scanner') {
      const hidBus = sims.hidCardReader ? sims.hidBus : null;
      this.sims = { ...sims, serialScanner: null, hidScanner: null, hidBus };
      retired.push(async () => sims.serialScanner?.close());
      retired.push(async () => sims.hidBus?.unplug(SIMULATED_HID_PATH));
    } else {
      const hidBus = sims.hidScanner ? sims.hidBus : null;
      this.sims = { ...sims, cardReader: null, hidCardReader: null, hidBus };
      retired.push(async () => sims.cardReader?.close());
      retired.push(async () => sims.hidBus?.unplug(SIMULATED_HID_MSR_PATH));
    }
    for (const snapshot of simulated) await this.remove(snapshot.id);
    await Promise.all(retired.map((retire) => retire()));
    this.log.info('simulator.retired', { role });
  }

  // ---- hot-plug ------------------------------------------------------------------------------

  private usbWanted(): UsbWanted | null {
    return this.settings.simulate === 'always' ? null : usbPrinterWanted(this.settings.printer.connection);
  }

  private configuredSerialPaths(): string[] {
    const connection = this.settings.printer.connection;
    return [
      ...this.settings.serialScanners.map((port) => port.path),
      ...this.settings.serialCardReaders.map((port) => port.path),
      ...(connection?.transport === 'serial' ? [connection.path] : []),
    ];
  }

  private async startHotplug(): Promise<void> {
    const usb = this.options.usb;
    if (usb?.watch && this.usbWanted()) {
      try {
        this.unwatchUsb = await usb.watch(() => void this.rescan());
      } catch (error) {
        this.log.warn('device.hotplug_unavailable', { bus: 'usb', reason: messageOf(error) });
      }
    }
    this.schedulePoll();
  }

  private needsPolling(): boolean {
    const { hid, usb, listSerial } = this.options;
    return (
      hid !== undefined ||
      (listSerial !== undefined && this.configuredSerialPaths().length > 0) ||
      (usb !== undefined && this.unwatchUsb === null && this.usbWanted() !== null)
    );
  }

  private schedulePoll(): void {
    if (this.stopping || !this.needsPolling()) return;
    this.cancelPoll = this.scheduler.after(this.options.hotplugPollMs ?? 2000, () => {
      this.cancelPoll = null;
      void this.rescan().then(() => this.schedulePoll());
    });
  }

  /** Reads the lists again; a request during a rescan runs one more after it. */
  private rescan(): Promise<void> {
    if (this.rescanning) {
      this.rescanAgain = true;
      return this.rescanning;
    }
    this.rescanning = (async () => {
      do {
        this.rescanAgain = false;
        await this.rescanOnce();
      } while (this.rescanAgain && !this.stopping);
    })().finally(() => {
      this.rescanning = null;
    });
    return this.rescanning;
  }

  private async rescanOnce(): Promise<void> {
    if (this.stopping) return;
    const { hid, usb, listSerial } = this.options;
    const wantedUsb = this.usbWanted();
    const [hidList, usbList, serialList] = await Promise.all([
      hid ? this.list('hid', () => hid.devices()) : null,
      usb && wantedUsb ? this.list('usb', () => usb.getDevices()) : null,
      listSerial && this.configuredSerialPaths().length > 0 ? this.list('serial', listSerial) : null,
    ]);
    if (this.stopping) return;
    if (hidList) await this.syncHid(hidList);
    if (usbList && wantedUsb) await this.syncUsbPrinter(usbList, wantedUsb);
    if (serialList) {
      const present = new Set(serialList.map((port) => port.path));
      for (const device of this.devices.values()) {
        const { transport, address, simulated } = device.record.snapshot;
        if (transport === 'serial' && !simulated && present.has(address)) device.connection?.retryNow();
      }
    }
  }

  private async syncHid(list: Parameters<typeof hidPosScanners>[0]): Promise<void> {
    const scanners = hidPosScanners(list);
    const cardReaders = hidCardReaders(list);
    const present = new Set([...scanners.map(hidDeviceId), ...cardReaders.map(hidCardReaderId)]);
    const added = new Set<SimulatedRole>();
    const follow = (id: string, role: SimulatedRole, attach: () => void) => {
      const device = this.devices.get(id);
      if (device) return device.connection?.retryNow();
      attach();
      added.add(role);
    };
    for (const info of scanners) {
      follow(hidDeviceId(info), 'scanner', () => this.attachListedHidScanner(info));
    }
    for (const info of cardReaders) {
      follow(hidCardReaderId(info), 'card-reader', () => this.attachListedHidCardReader(info));
    }
    for (const id of [...this.listedHidIds]) if (!present.has(id)) await this.remove(id);
    for (const role of added) await this.retireSimulated(role);
  }

  private async syncUsbPrinter(list: readonly UsbDeviceLike[], wanted: UsbWanted): Promise<void> {
    const found = usbPrinters(list, wanted)[0];
    const current = this.printerDevice;
    if (current && !current.record.snapshot.simulated) {
      if (found && current.record.snapshot.transport === 'usb') current.connection.retryNow();
      return;
    }
    if (!found) return;
    if (current) {
      if (this.settings.simulate !== 'auto') return;
      await this.retireSimulated('printer');
    }
    this.attachUsbPrinter(found);
    this.log.info('printer.found', { deviceId: found.id });
  }

  /** A bus's list, or null when it cannot be read (logged once until it can be read again). */
  private async list<T>(bus: string, read: () => Promise<readonly T[]>): Promise<readonly T[] | null> {
    try {
      const result = await read();
      this.failingLists.delete(bus);
      return result;
    } catch (error) {
      if (!this.failingLists.has(bus)) {
        this.failingLists.add(bus);
        this.log.warn('device.list_failed', { bus, reason: messageOf(error) });
      }
      return null;
    }
  }

  // ---- stop ----------------------------------------------------------------------------------

  private async shutdown(): Promise<void> {
    // Whatever start() was attaching is attached by then, and let go below; its failure was start()'s.
    await this.setup?.catch(() => undefined);
    this.cancelPoll?.();
    this.cancelPoll = null;
    this.unwatchUsb?.();
    this.unwatchUsb = null;
    await this.rescanning;
    const devices = [...this.devices.values()];
    this.devices.clear();
    this.listedHidIds.clear();
    this.printerDevice = null;
    await Promise.all(
      devices.map(async (device) => {
        await device.close();
        device.record.set({ state: 'closed' });
      }),
    );
    const sims = this.sims;
    this.sims = noSimulators();
    sims.hidBus?.unplug(SIMULATED_HID_PATH);
    sims.hidBus?.unplug(SIMULATED_HID_MSR_PATH);
    await Promise.all([sims.printer?.close(), sims.serialScanner?.close(), sims.cardReader?.close()]);
    this.log.info('devices.stopped', { devices: devices.length });
  }
}

type Started<T> = { ok: true; value: T } | { ok: false; error: unknown };

const settle = <T>(promise: Promise<T>): Promise<Started<T>> =>
  promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );

function withoutSocat(identity: DeviceIdentity, error: unknown): DeviceIdentity {
  const missing = error instanceof PtyPairError && error.message.includes('socat is not installed');
  return missing ? { ...identity, name: `${identity.name} (needs socat: apt-get install socat)` } : identity;
}
