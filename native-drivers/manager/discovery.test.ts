import { afterEach, describe, expect, it } from 'vitest';
import { EscPosEncoder } from '../printer/encoder';
import { printerProfiles } from '../printer/profiles';
import { hexBytes, hidReportFixtures } from '../scanner/hid-pos-fixtures';
import { hidPosMsrLayout } from '../card-reader/hid-msr-layouts';
import { loyaltyNumber, paymentPans } from '../card-reader/test-cards';
import { VirtualHidCardReader } from '../simulators/hid-card-reader';
import { VirtualHidBus, VirtualHidScanner } from '../simulators/hid-scanner';
import type { HidDeviceLike } from '../transports/native-shapes';
import { VirtualPrinter } from '../simulators/virtual-printer';
import { hidCardReaderId, hidCardReaders, hidDeviceId, hidPosScanners, usbPrinterWanted } from './discovery';
import { BridgedUsbPrinter, ListedHidBus, TestUsbBus } from './test-support/buses';
import { deviceWhere, harness, isIdle, next, stopAll } from './test-support/harness';
import type { HidBus, HidDeviceInfo } from './types';

const printers: VirtualPrinter[] = [];

afterEach(async () => {
  await stopAll();
  await Promise.all(printers.splice(0).map((printer) => printer.close()));
});

// A Honeywell Voyager in HID POS mode lists two interfaces: the POS one and a keyboard for its menu.
const voyagerPos: HidDeviceInfo = {
  vendorId: 0x0c2e,
  productId: 0x0b61,
  path: '/dev/hidraw7',
  serialNumber: '21066B4E3C',
  manufacturer: 'Honeywell',
  product: 'Voyager 1450g',
  usagePage: 0x8c,
  usage: 0x02,
};
const voyagerKeys: HidDeviceInfo = { ...voyagerPos, path: '/dev/hidraw6', usagePage: 0x01, usage: 0x06 };

// A MagTek USB HID Swipe Reader: one interface on MagTek's vendor page. An ID TECH SecureMag in HID
// mode lists the same way; a reader on the HID POS page (0x8E) may come from any vendor.
const magtekHid: HidDeviceInfo = {
  vendorId: 0x0801,
  productId: 0x0002,
  path: '/dev/hidraw4',
  serialNumber: 'B0C1D2E3',
  manufacturer: 'Mag-Tek',
  product: 'USB Swipe Reader',
  usagePage: 0xff00,
  usage: 0x01,
};
const posMsr: HidDeviceInfo = {
  vendorId: 0x1234,
  productId: 0x5678,
  path: '/dev/hidraw5',
  usagePage: 0x8e,
  usage: 0x01,
};

/** node-hid's buffers as delivered to the till, so a test can look at them after the till is done. */
function keepingReports(listed: ListedHidBus): { bus: HidBus; delivered: Uint8Array[] } {
  const delivered: Uint8Array[] = [];
  const bus: HidBus = {
    devices: () => listed.devices(),
    async open(path) {
      const handle = await listed.open(path);
      const on = handle.on.bind(handle) as (event: string, listener: (arg: never) => void) => unknown;
      handle.on = ((event: string, listener: (report: Uint8Array) => void) =>
        event === 'data'
          ? on('data', (report: Uint8Array) => {
              delivered.push(report);
              listener(report);
            })
          : on(event, listener)) as HidDeviceLike['on'];
      return handle;
    },
  };
  return { bus, delivered };
}

function ean13Reports(): Uint8Array[] {
  const found = hidReportFixtures.find((fixture) => fixture.name === 'ean13');
  if (!found) throw new Error('no ean13 fixture');
  return found.reports.map((rows) => hexBytes(rows));
}

function hidSetup() {
  const bus = new VirtualHidBus();
  const scanner = new VirtualHidScanner('/dev/hidraw7');
  bus.plug(scanner);
  return { bus, scanner, listed: new ListedHidBus(bus) };
}

async function usbPrinter(bus: TestUsbBus): Promise<{ virtual: VirtualPrinter; device: BridgedUsbPrinter }> {
  const virtual = await VirtualPrinter.start({ profile: 'epson-tm-t20' });
  printers.push(virtual);
  const device = new BridgedUsbPrinter(0x04b8, 0x0e15, virtual.port);
  bus.plug(device);
  return { virtual, device };
}

const job = (title: string) =>
  new EscPosEncoder(printerProfiles['epson-tm-t20']).initialize().line(title).cut('partial', 0).encode()
    .bytes;

describe('discovery lists', () => {
  it('takes HID POS interfaces (usage page 0x8C) and leaves keyboards to the wedge', () => {
    expect(
      hidPosScanners([voyagerKeys, voyagerPos, { ...voyagerPos }, { ...voyagerPos, path: undefined }]),
    ).toEqual([voyagerPos]);
    expect(hidDeviceId({ ...voyagerPos, path: '/dev/hidraw7' })).toMatch(/^hid:0c2e:0b61:[0-9a-f]{8}$/);
    // The serial number keeps the id when the scanner comes back on another hidraw node.
    expect(hidDeviceId({ ...voyagerPos, path: '/dev/hidraw9' })).toBe(
      hidDeviceId({ ...voyagerPos, path: '/dev/hidraw7' }),
    );
  });

  it('takes card readers in HID mode: the HID POS page (0x8E) and known vendor-page readers, not keyboards', () => {
    const magtekKeys: HidDeviceInfo = {
      ...magtekHid,
      productId: 0x0001,
      path: '/dev/hidraw3',
      usagePage: 0x01,
    };
    const found = hidCardReaders([magtekKeys, magtekHid, posMsr, voyagerPos]);
    expect(found.map((info) => [info.path, info.layout.name])).toEqual([
      ['/dev/hidraw4', 'magtek'],
      ['/dev/hidraw5', 'hid-pos-msr'],
    ]);
    expect(hidPosScanners([magtekHid, posMsr])).toEqual([]);
  });

  it('looks for USB printers only when no network or serial printer is configured', () => {
    expect(usbPrinterWanted(null)).toEqual({});
    expect(usbPrinterWanted({ transport: 'tcp', host: '10.0.0.5', port: 9100 })).toBeNull();
    expect(usbPrinterWanted({ transport: 'usb', vendorId: 0x0519 })).toEqual({
      vendorId: 0x0519,
      productId: undefined,
    });
  });
});

describe('device manager discovery and hot-plug', () => {
  it('finds a HID POS scanner, reads it with its vendor layout, and lets it go when it leaves the list', async () => {
    const { scanner, listed } = hidSetup();
    listed.list = [voyagerKeys, voyagerPos];
    const { manager } = harness({ simulate: 'never' }, { hid: listed, hotplugPollMs: 20 });
    await manager.start();
    const id = hidDeviceId({ ...voyagerPos, path: '/dev/hidraw7' });
    expect(manager.snapshots()).toEqual([
      expect.objectContaining({
        id,
        role: 'scanner',
        name: 'Honeywell Voyager 1450g',
        transport: 'hid',
        address: '/dev/hidraw7',
        simulated: false,
        state: 'idle',
      }),
    ]);
    const scanned = next(manager, 'scan');
    await scanner.sendReports(ean13Reports());
    expect((await scanned)[0]).toMatchObject({ data: '4600682000181', symbology: 'ean13', deviceId: id });

    const gone = deviceWhere(manager, id, (snapshot) => snapshot.state === 'closed');
    listed.list = [];
    scanner.unplug();
    await gone;
    expect(manager.snapshots()).toEqual([]);
  });

  it('in auto mode, a HID scanner plugged in later takes over from the simulated scanners', async () => {
    const { listed } = hidSetup();
    const { manager } = harness({ simulate: 'auto' }, { hid: listed, hotplugPollMs: 20 });
    await manager.start();
    expect(manager.snapshots().filter((s) => s.role === 'scanner' && s.simulated)).toHaveLength(2);
    const id = hidDeviceId({ ...voyagerPos, path: '/dev/hidraw7' });
    listed.list = [voyagerPos];
    await deviceWhere(manager, id, isIdle);
    await deviceWhere(manager, 'sim:hid-scanner', (s) => s.state === 'closed');
    expect(
      manager
        .snapshots()
        .filter((s) => s.role === 'scanner')
        .map((s) => s.id),
    ).toEqual([id]);
    expect(manager.simulators()).toMatchObject({ hidScanner: null, serialScanner: null });
  });

  it('finds a MagTek HID card reader, reads its swipes, leaves no track data in the reports, and follows its cable', async () => {
    const bus = new VirtualHidBus();
    const reader = new VirtualHidCardReader('/dev/hidraw4');
    bus.plug(reader);
    const listed = new ListedHidBus(bus);
    listed.list = [magtekHid];
    const { bus: hid, delivered } = keepingReports(listed);
    const { manager, logs } = harness({ simulate: 'never' }, { hid, hotplugPollMs: 20 });
    await manager.start();
    const id = hidCardReaderId({ ...magtekHid, path: '/dev/hidraw4' });
    expect(manager.snapshots()).toEqual([
      expect.objectContaining({
        id,
        role: 'card-reader',
        name: 'Mag-Tek USB Swipe Reader',
        transport: 'hid',
        state: 'idle',
        simulated: false,
      }),
    ]);
    const loyalty = next(manager, 'swipe');
    await reader.swipe({ number: loyaltyNumber, name: 'IVANOVA/ANNA' });
    expect(await loyalty).toEqual([{ kind: 'loyalty', number: loyaltyNumber }, id]);
    const payment = next(manager, 'swipe');
    await reader.swipe({ number: paymentPans.visa, name: 'CARDHOLDER/TEST' });
    expect((await payment)[0]).toEqual({ kind: 'payment-card', masked: '•••• 1111' });
    expect(delivered).toHaveLength(2);
    for (const report of delivered) expect(report.every((byte) => byte === 0)).toBe(true);
    expect(JSON.stringify(logs)).not.toContain('CARDHOLDER');

    const gone = deviceWhere(manager, id, (snapshot) => snapshot.state === 'closed');
    listed.list = [];
    reader.unplug();
    await gone;
    expect(manager.snapshots()).toEqual([]);
  });

  it('attaches both the scanner and the stripe reader of one POS keyboard, under ids of their own', async () => {
    const bus = new VirtualHidBus();
    bus.plug(new VirtualHidScanner('/dev/hidraw8'));
    bus.plug(new VirtualHidCardReader('/dev/hidraw9', hidPosMsrLayout));
    const listed = new ListedHidBus(bus);
    const keyboard = {
      vendorId: 0x1234,
      productId: 0x0042,
      serialNumber: 'KB-0001',
      product: 'POS keyboard',
    };
    listed.list = [
      { ...keyboard, path: '/dev/hidraw8', usagePage: 0x8c, usage: 0x02 },
      { ...keyboard, path: '/dev/hidraw9', usagePage: 0x8e, usage: 0x01 },
    ];
    const { manager } = harness({ simulate: 'never' }, { hid: listed });
    await manager.start();
    expect(manager.snapshots().map(({ id, role, state }) => ({ id, role, state }))).toEqual([
      { id: expect.stringMatching(/^hid:1234:0042:[0-9a-f]{8}$/), role: 'scanner', state: 'idle' },
      {
        id: expect.stringMatching(/^hid:1234:0042:[0-9a-f]{8}\/card-reader$/),
        role: 'card-reader',
        state: 'idle',
      },
    ]);
  });

  it('in auto mode, a HID card reader plugged in later takes over from the simulated card readers', async () => {
    const bus = new VirtualHidBus();
    bus.plug(new VirtualHidCardReader('/dev/hidraw5', hidPosMsrLayout));
    const listed = new ListedHidBus(bus);
    const { manager } = harness({ simulate: 'auto' }, { hid: listed, hotplugPollMs: 20 });
    await manager.start();
    expect(manager.snapshots().filter((s) => s.role === 'card-reader' && s.simulated)).toHaveLength(2);
    const id = hidCardReaderId({ ...posMsr, path: '/dev/hidraw5' });
    listed.list = [posMsr];
    await deviceWhere(manager, id, isIdle);
    await deviceWhere(manager, 'sim:hid-card-reader', (s) => s.state === 'closed');
    expect(
      manager
        .snapshots()
        .filter((s) => s.role === 'card-reader')
        .map((s) => s.id),
    ).toEqual([id]);
    expect(manager.simulators()).toMatchObject({ cardReader: null, hidCardReader: null });
    // The simulated HID scanner keeps its bus.
    expect(manager.simulators().hidBus).not.toBeNull();
    expect(manager.simulators().hidScanner).not.toBeNull();
  });

  it('finds a USB receipt printer by its class, prints through it, and follows its cable', async () => {
    const usb = new TestUsbBus();
    const { virtual, device } = await usbPrinter(usb);
    const { manager } = harness({ simulate: 'never', printer: { profile: 'epson-tm-t20' } }, { usb });
    await manager.start();
    const [snapshot] = manager.snapshots();
    expect(snapshot).toMatchObject({ role: 'printer', transport: 'usb', name: 'TM-T20II', state: 'idle' });
    expect(snapshot?.id).toMatch(/^usb:04b8:0e15:[0-9a-f]{8}$/);
    expect(await manager.printer()?.print(job('Чек по USB'))).toEqual({ ok: true });
    expect(virtual.receipts.map((receipt) => receipt.lines)).toEqual([['Чек по USB']]);

    const id = snapshot?.id ?? '';
    usb.unplug(device);
    await deviceWhere(manager, id, (s) => s.state === 'error');
    const again = new BridgedUsbPrinter(0x04b8, 0x0e15, virtual.port);
    usb.plug(again);
    await deviceWhere(manager, id, isIdle);
    expect(await manager.printer()?.print(job('Снова по USB'))).toEqual({ ok: true });
    expect(virtual.receipts.at(-1)?.lines).toEqual(['Снова по USB']);
  });

  it('in auto mode, a USB printer plugged in later takes over from the simulated printer', async () => {
    const usb = new TestUsbBus();
    const { manager } = harness({ simulate: 'auto', printer: { profile: 'epson-tm-t20' } }, { usb });
    await manager.start();
    await deviceWhere(manager, 'sim:printer', isIdle);
    const simulated = manager.simulators().printer;
    const found = next(manager, 'changed');
    const { virtual } = await usbPrinter(usb);
    const [first] = await found;
    // The simulated printer is let go first, then the real one attaches.
    expect(first).toMatchObject({ id: 'sim:printer', state: 'closed' });
    const real = await new Promise<string>((resolve) =>
      manager.on('changed', (s) => (s.transport === 'usb' && s.state === 'idle' ? resolve(s.id) : undefined)),
    );
    const port = manager.printer();
    expect(port?.deviceId).toBe(real);
    expect(real).toMatch(/^usb:04b8:0e15:/);
    expect(manager.simulators().printer).toBeNull();
    expect(simulated?.pluggedIn).toBe(false);
    expect(await port?.print(job('Настоящий принтер'))).toEqual({ ok: true });
    expect(virtual.receipts.at(-1)?.lines).toEqual(['Настоящий принтер']);
  });
});
