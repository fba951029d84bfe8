import { afterEach, describe, expect, it } from 'vitest';
import { EscPosEncoder } from '../printer/encoder';
import { printerProfiles } from '../printer/profiles';
import { hexBytes, hidReportFixtures } from '../scanner/hid-pos-fixtures';
import { VirtualHidBus, VirtualHidScanner } from '../simulators/hid-scanner';
import { VirtualPrinter } from '../simulators/virtual-printer';
import { hidPosScanners, hidScannerId, usbPrinterWanted } from './discovery';
import { BridgedUsbPrinter, ListedHidBus, TestUsbBus } from './test-support/buses';
import { deviceWhere, harness, isIdle, next, stopAll } from './test-support/harness';
import type { HidDeviceInfo } from './types';

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
    expect(hidScannerId({ ...voyagerPos, path: '/dev/hidraw7' })).toMatch(/^hid:0c2e:0b61:[0-9a-f]{8}$/);
    // The serial number keeps the id when the scanner comes back on another hidraw node.
    expect(hidScannerId({ ...voyagerPos, path: '/dev/hidraw9' })).toBe(
      hidScannerId({ ...voyagerPos, path: '/dev/hidraw7' }),
    );
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
    const id = hidScannerId({ ...voyagerPos, path: '/dev/hidraw7' });
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
    const id = hidScannerId({ ...voyagerPos, path: '/dev/hidraw7' });
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
