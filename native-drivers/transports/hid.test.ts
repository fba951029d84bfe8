import { afterEach, describe, expect, it } from 'vitest';
import { VirtualHidBus, VirtualHidScanner } from '../simulators/hid-scanner';
import { HidTransport, hidError } from './hid';
import { ReconnectingTransport } from './reconnecting';
import { TransportError } from './types';

const PATH = '/dev/hidraw-virtual0';

// A 64-byte HID POS input report (id 0x02): length, then "]E04607001234567"-style data.
function posReport(text: string): Uint8Array {
  const report = new Uint8Array(64);
  report[0] = 0x02;
  report[1] = text.length;
  report.set(new TextEncoder().encode(text), 2);
  return report;
}

let transport: { close(): Promise<void> } | undefined;
afterEach(async () => {
  await transport?.close();
  transport = undefined;
});

function plugged(): { bus: VirtualHidBus; scanner: VirtualHidScanner; hid: HidTransport } {
  const bus = new VirtualHidBus();
  const scanner = new VirtualHidScanner(PATH);
  bus.plug(scanner);
  const hid = new HidTransport({ path: PATH }, bus);
  transport = hid;
  return { bus, scanner, hid };
}

describe('HID transport (node-hid HIDAsync shape)', () => {
  it('delivers each input report as one data event, report id first', async () => {
    const { scanner, hid } = plugged();
    await hid.open();
    const reports: Uint8Array[] = [];
    hid.on('data', (report) => reports.push(report));
    await scanner.sendReports([posReport(']E04607001234567'), posReport(']E04600000000008')]);
    expect(reports).toHaveLength(2);
    expect(reports[0]?.[0]).toBe(0x02);
    expect(new TextDecoder().decode(reports[1]?.subarray(2, 2 + 16))).toBe(']E04600000000008');
    expect(hid.address).toBe(`hid://${PATH}`);
  });

  it('zeroes each report after its listeners when asked to, as a card reader needs, and not otherwise', async () => {
    const bus = new VirtualHidBus();
    const reader = new VirtualHidScanner(PATH);
    bus.plug(reader);
    const wiping = new HidTransport({ path: PATH, wipeInput: true }, bus);
    transport = wiping;
    await wiping.open();
    const seen: { held: Uint8Array; copy: Uint8Array }[] = [];
    wiping.on('data', (report) => seen.push({ held: report, copy: Uint8Array.from(report) }));
    await reader.sendReports([posReport(';2700123456781?')]);
    expect(new TextDecoder().decode(seen[0]?.copy.subarray(2, 17))).toBe(';2700123456781?');
    expect(seen[0]?.held.every((byte) => byte === 0)).toBe(true);
    await wiping.close();

    const { scanner, hid } = plugged();
    await hid.open();
    const kept: Uint8Array[] = [];
    hid.on('data', (report) => kept.push(report));
    await scanner.sendReports([posReport(']E04607001234567')]);
    expect(kept[0]?.[1]).toBe(16);
  });

  it('sends output and feature reports to the device', async () => {
    const { scanner, hid } = plugged();
    await hid.open();
    await hid.write(Uint8Array.of(0x00, 0x07, 0x01)); // an output report without report id: beep
    await hid.sendFeatureReport(Uint8Array.of(0xfd, 0x04, 0x00)); // e.g. enter HID POS mode
    const answer = await hid.getFeatureReport(0xfe, 8);
    expect(scanner.outputReports).toEqual([Uint8Array.of(0x00, 0x07, 0x01)]);
    expect(scanner.featureReports).toEqual([Uint8Array.of(0xfd, 0x04, 0x00)]);
    expect(answer).toHaveLength(8);
    expect(answer[0]).toBe(0xfe);
  });

  it('turns an unplug during reading into "disconnected" and a close, and lets go of the device', async () => {
    const { bus, scanner, hid } = plugged();
    await hid.open();
    const events: string[] = [];
    hid.on('error', (error) => events.push(`error:${error.kind}`));
    hid.on('close', () => events.push('close'));
    bus.unplug(PATH);
    expect(events).toEqual(['error:disconnected', 'close']);
    expect(scanner.openHandles).toBe(0);
    await expect(hid.write(Uint8Array.of(0))).rejects.toMatchObject({ kind: 'disconnected' });
  });

  it('reads again after the scanner is plugged back in, through the reconnecting wrapper', async () => {
    const bus = new VirtualHidBus();
    const scanner = new VirtualHidScanner(PATH);
    bus.plug(scanner);
    const kept = new ReconnectingTransport(new HidTransport({ path: PATH }, bus), {
      backoff: { initialMs: 5, maxMs: 20 },
    });
    transport = kept;
    const reports: number[] = [];
    kept.on('data', (report) => reports.push(report[1] ?? 0));
    await kept.open();
    const reopened = new Promise<void>((resolve) =>
      kept.on('state', (state) => {
        if (state.kind === 'open') resolve();
      }),
    );
    bus.unplug(PATH);
    bus.plug(scanner);
    await reopened;
    scanner.sendReport(posReport('123'));
    expect(reports).toEqual([3]);
  });

  it('says access-denied when the OS refuses (no udev rule, or a keyboard-mode scanner on Windows)', async () => {
    const { bus, hid } = plugged();
    bus.deny(PATH);
    const failure = await hid.open().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransportError);
    expect(failure).toMatchObject({ kind: 'access-denied' });
    expect((failure as Error).message).toContain('udev');
  });

  it('says not-found for a path the real node-hid cannot open', async () => {
    const real = new HidTransport({ path: '/dev/hidraw-omnitill-missing' });
    await expect(real.open()).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('maps what hidapi reports on other systems', () => {
    const kind = (message: string, fallback: TransportError['kind'] = 'io') =>
      hidError(new Error(message), 'hid://x', fallback).kind;
    expect(kind('cannot open device with path \\\\?\\hid#vid_0c2e: Access is denied.')).toBe('access-denied');
    expect(kind('could not read data from device: Input/output error')).toBe('disconnected');
    expect(
      kind(
        "cannot open device with path /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': Device or resource busy",
      ),
    ).toBe('busy');
    expect(kind('something new')).toBe('io');
  });
});
