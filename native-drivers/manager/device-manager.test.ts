import { afterEach, describe, expect, it } from 'vitest';
import { fixtureReport, hidMsrFixtures } from '../card-reader/hid-msr-fixtures';
import { loyaltyNumber, paymentPans } from '../card-reader/test-cards';
import { hexBytes, hidReportFixtures } from '../scanner/hid-pos-fixtures';
import { genericLayout } from '../scanner/hid-pos-layouts';
import { encodeHidPosLabel } from '../scanner/hid-pos-report';
import { simulatedIds } from './device-manager';
import { deviceWhere, harness, isIdle, next, stopAll } from './test-support/harness';

afterEach(stopAll);

async function demoTill() {
  const till = harness({ simulate: 'always', printer: { statusPollMs: 200 } });
  await till.manager.start();
  await Promise.all(Object.values(simulatedIds).map((id) => deviceWhere(till.manager, id, isIdle)));
  return till;
}

function fixture(name: string): Uint8Array[] {
  const found = hidReportFixtures.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found.reports.map((rows) => hexBytes(rows));
}

describe('device manager in demo mode', () => {
  it('attaches a simulated printer, serial and HID scanners and serial and HID card readers, and publishes them ready', async () => {
    const { manager, changes } = await demoTill();
    expect(
      manager.snapshots().map(({ id, role, transport, simulated, state, problem }) => ({
        id,
        role,
        transport,
        simulated,
        state,
        problem,
      })),
    ).toEqual([
      { id: 'sim:printer', role: 'printer', transport: 'tcp', simulated: true, state: 'idle', problem: null },
      {
        id: 'sim:serial-scanner',
        role: 'scanner',
        transport: 'serial',
        simulated: true,
        state: 'idle',
        problem: null,
      },
      {
        id: 'sim:hid-scanner',
        role: 'scanner',
        transport: 'hid',
        simulated: true,
        state: 'idle',
        problem: null,
      },
      {
        id: 'sim:card-reader',
        role: 'card-reader',
        transport: 'serial',
        simulated: true,
        state: 'idle',
        problem: null,
      },
      {
        id: 'sim:hid-card-reader',
        role: 'card-reader',
        transport: 'hid',
        simulated: true,
        state: 'idle',
        problem: null,
      },
    ]);
    // Each went closed → connecting → idle, and said so.
    expect(changes.filter((snapshot) => snapshot.id === 'sim:hid-scanner').map((s) => s.state)).toEqual([
      'connecting',
      'idle',
    ]);
    const simulators = manager.simulators();
    expect(simulators.printer?.pluggedIn).toBe(true);
    expect(manager.snapshots()[0]?.address).toBe(simulators.printer?.address);
    expect(manager.printer()?.deviceId).toBe('sim:printer');
  });

  it('turns a label from the serial scanner simulator into a scan event', async () => {
    const { manager } = await demoTill();
    const scanned = next(manager, 'scan');
    await manager.simulators().serialScanner?.scan('4600682000181', { prefix: ']E0' });
    const [event] = await scanned;
    expect(event).toMatchObject({
      data: '4600682000181',
      symbology: 'ean13',
      aim: ']E0',
      source: 'serial',
      deviceId: 'sim:serial-scanner',
    });
    expect(manager.snapshots().find((s) => s.id === 'sim:serial-scanner')).toMatchObject({
      events: 1,
      rejected: 0,
    });
  });

  it('ends a serial label without a suffix when the line goes quiet', async () => {
    const till = harness({ simulate: 'always' });
    const manager = till.manager;
    await manager.start();
    await deviceWhere(manager, 'sim:serial-scanner', isIdle);
    const scanned = next(manager, 'scan');
    // The default framing waits for CR/LF; a label cut short by silence is rejected, not glued to the next.
    await manager.simulators().serialScanner?.scan('46006820', { suffix: '' });
    await deviceWhere(manager, 'sim:serial-scanner', (s) => s.rejected === 1);
    await manager.simulators().serialScanner?.scan('4600682000181');
    expect((await scanned)[0].data).toBe('4600682000181');
  });

  it('turns HID POS reports from the virtual bus into scan events, joining continued reports', async () => {
    const { manager } = await demoTill();
    const hid = manager.simulators().hidScanner;
    const first = next(manager, 'scan');
    await hid?.sendReports(fixture('ean8'));
    expect((await first)[0]).toMatchObject({
      data: '96385074',
      symbology: 'ean8',
      aim: ']E4',
      source: 'hid-pos',
      deviceId: 'sim:hid-scanner',
    });
    const marking = '0104601234567893215Abc123\u001d91EE07\u001d92' + 'x'.repeat(60);
    const second = next(manager, 'scan');
    const reports = encodeHidPosLabel(new TextEncoder().encode(marking), ']d2', genericLayout);
    expect(reports.length).toBeGreaterThan(1);
    await hid?.sendReports(reports);
    expect((await second)[0]).toMatchObject({ data: marking, symbology: 'gs1-datamatrix' });
  });

  it('counts a malformed HID report as rejected and reads on', async () => {
    const { manager, logs } = await demoTill();
    const hid = manager.simulators().hidScanner;
    hid?.sendReport(Uint8Array.of(0x02, 0x05, 0x31, 0x32));
    await deviceWhere(manager, 'sim:hid-scanner', (s) => s.rejected === 1);
    const scanned = next(manager, 'scan');
    await hid?.sendReports(fixture('code128'));
    expect((await scanned)[0].data).toBe('SKU-00042');
    expect(manager.snapshots().find((s) => s.id === 'sim:hid-scanner')).toMatchObject({
      events: 1,
      rejected: 1,
    });
    expect(logs).toContainEqual(
      expect.objectContaining({
        event: 'scan.rejected',
        fields: { deviceId: 'sim:hid-scanner', kind: 'short' },
      }),
    );
  });

  it('reads swipes from the card reader simulator, and keeps a payment card number out of events and logs', async () => {
    const { manager, logs } = await demoTill();
    const reader = manager.simulators().cardReader;
    const loyalty = next(manager, 'swipe');
    await reader?.swipe({ number: loyaltyNumber }, { tracks: { 2: 'data' } });
    expect(await loyalty).toEqual([{ kind: 'loyalty', number: loyaltyNumber }, 'sim:card-reader']);

    const payment = next(manager, 'swipe');
    await reader?.swipe({ number: paymentPans.visa, name: 'IVANOVA/ANNA' });
    const [read] = await payment;
    expect(read.kind).toBe('payment-card');
    expect(JSON.stringify(read)).not.toContain(paymentPans.visa);

    const misread = next(manager, 'swipe');
    await reader?.swipe('%E?;E?');
    expect((await misread)[0].kind).toBe('misread');
    expect(manager.snapshots().find((s) => s.id === 'sim:card-reader')).toMatchObject({
      events: 2,
      rejected: 1,
    });
    expect(JSON.stringify(logs)).not.toContain(paymentPans.visa);
    expect(JSON.stringify(logs)).not.toContain(loyaltyNumber);
  });

  it('reads swipes from the HID card reader simulator, and keeps a payment card number out of events and logs', async () => {
    const { manager, logs } = await demoTill();
    const reader = manager.simulators().hidCardReader;
    if (!reader) throw new Error('no simulated HID card reader');
    const loyalty = next(manager, 'swipe');
    await reader.swipe({ number: loyaltyNumber }, { 1: 'unreadable', 2: 'data' });
    expect(await loyalty).toEqual([{ kind: 'loyalty', number: loyaltyNumber }, 'sim:hid-card-reader']);

    const payment = next(manager, 'swipe');
    const recorded = hidMsrFixtures.find((fixture) => fixture.name === 'payment-card');
    if (!recorded) throw new Error('no payment-card fixture');
    await reader.sendReports([fixtureReport(recorded)]);
    expect(await payment).toEqual([{ kind: 'payment-card', masked: '•••• 1111' }, 'sim:hid-card-reader']);

    const unreadable = next(manager, 'swipe');
    await reader.swipe({ number: loyaltyNumber }, { 1: 'unreadable', 2: 'unreadable' });
    expect((await unreadable)[0]).toMatchObject({ kind: 'misread', error: { code: 'unreadable' } });
    expect(manager.snapshots().find((s) => s.id === 'sim:hid-card-reader')).toMatchObject({
      events: 2,
      rejected: 1,
    });
    expect(JSON.stringify(logs)).not.toContain(paymentPans.visa.slice(0, 6));
    expect(JSON.stringify(logs)).not.toContain(loyaltyNumber);
  });

  it('counts a malformed HID card reader report as rejected, logs its kind, and asks for another swipe', async () => {
    const { manager, logs } = await demoTill();
    const reader = manager.simulators().hidCardReader;
    const misread = next(manager, 'swipe');
    reader?.sendReport(new Uint8Array(509));
    expect((await misread)[0]).toMatchObject({ kind: 'misread', error: { code: 'format' } });
    expect(manager.snapshots().find((s) => s.id === 'sim:hid-card-reader')).toMatchObject({
      events: 0,
      rejected: 1,
    });
    expect(logs).toContainEqual(
      expect.objectContaining({
        event: 'swipe.report_rejected',
        fields: { deviceId: 'sim:hid-card-reader', kind: 'oversize' },
      }),
    );
    const read = next(manager, 'swipe');
    await reader?.swipe({ number: loyaltyNumber });
    expect((await read)[0]).toEqual({ kind: 'loyalty', number: loyaltyNumber });
  });

  it('follows the simulated HID scanner being unplugged and plugged back', async () => {
    const { manager } = await demoTill();
    const { hidBus, hidScanner } = manager.simulators();
    if (!hidBus || !hidScanner) throw new Error('no simulated HID scanner');
    hidBus.unplug(hidScanner.path);
    await deviceWhere(manager, 'sim:hid-scanner', (s) => s.state === 'error' && s.problem === 'disconnected');
    hidBus.plug(hidScanner);
    await deviceWhere(manager, 'sim:hid-scanner', isIdle);
    const scanned = next(manager, 'scan');
    await hidScanner.sendReports(fixture('ean8'));
    expect((await scanned)[0].data).toBe('96385074');
  });
});
