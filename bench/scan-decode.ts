// `npm run bench:scan`: time from a scanner's bytes to a ScanEvent, printed as JSON.
//  - hid: 64-byte HID POS input reports through the assembler (one report for an EAN-13, three for a
//    GS1 DataMatrix marking code), timed from the first report in to the event out;
//  - serial: a frame through the serial framer, whole and in 8-byte chunks as a 9600-baud line
//    delivers it;
//  - hidThroughManager: the whole device layer in one process: a report on the simulated HID bus
//    through the HID transport, the reconnecting wrapper, the assembler and the manager's 'scan' event.
// Target: p95 ≤ 1 ms for each.
import { DeviceSettings, SerialScannerFraming } from '../contract/config';
import { createDeviceManager } from '../native-drivers/manager/device-manager';
import { HidPosAssembler } from '../native-drivers/scanner/hid-pos-assembler';
import { hexBytes, hidReportFixtures } from '../native-drivers/scanner/hid-pos-fixtures';
import { genericLayout, honeywellLayout } from '../native-drivers/scanner/hid-pos-layouts';
import { encodeHidPosLabel } from '../native-drivers/scanner/hid-pos-report';
import { SerialFramer } from '../native-drivers/scanner/serial-framer';
import { percentile } from './stats';

const WARM_UP = 500;
const RUNS = Number(process.env.BENCH_RUNS ?? 5000);
const TARGET_P95_MS = 1;

const summary = (samples: number[]) => ({
  p50Ms: percentile(samples, 50, 4),
  p95Ms: percentile(samples, 95, 4),
  maxMs: percentile(samples, 100, 4),
});

/** Times `run`, which must produce exactly one scan per call (a bench that decodes nothing is a bug). */
function time(run: () => number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const started = performance.now();
    const scans = run();
    const elapsed = performance.now() - started;
    if (scans !== 1) throw new Error(`expected one scan per run, got ${scans}`);
    if (i >= WARM_UP) samples.push(elapsed);
  }
  return samples;
}

const ean13Reports = (hidReportFixtures.find((fixture) => fixture.name === 'ean13')?.reports ?? []).map(
  hexBytes,
);
const marking = `0104601234567893215Abc123\u001d91EE07\u001d92${'b21uaXRpbGwtdGVzdC1jcnlwdG8tdGFpbC0zMmJ5dGVz'.repeat(2)}`;
const markingReports = encodeHidPosLabel(new TextEncoder().encode(marking), ']d2', genericLayout);

function hidCase(reports: readonly Uint8Array[], layout: typeof genericLayout): number[] {
  const assembler = new HidPosAssembler({ layout, deviceId: 'bench' });
  let at = 0;
  return time(() => {
    at += 1000;
    let scans = 0;
    for (const report of reports) {
      for (const outcome of assembler.push(report, at)) if (outcome.ok) scans++;
    }
    return scans;
  });
}

function serialCase(frame: Uint8Array, chunkBytes: number): number[] {
  const framer = new SerialFramer(SerialScannerFraming.parse({}), 'bench');
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < frame.length; offset += chunkBytes) {
    chunks.push(frame.subarray(offset, offset + chunkBytes));
  }
  let at = 0;
  return time(() => {
    at += 1000;
    let scans = 0;
    for (const chunk of chunks) for (const outcome of framer.push(chunk, at)) if (outcome.ok) scans++;
    return scans;
  });
}

async function hidThroughManager(): Promise<number[]> {
  const manager = createDeviceManager(DeviceSettings.parse({ simulate: 'always' }), { idleStatusPollMs: 0 });
  await manager.start();
  try {
    const scanner = manager.simulators().hidScanner;
    if (!scanner) throw new Error('no simulated HID scanner');
    let scans = 0;
    manager.on('scan', () => scans++);
    const reports = encodeHidPosLabel(new TextEncoder().encode('4600682000181'), ']E0', genericLayout);
    return time(() => {
      const before = scans;
      // The virtual bus delivers a report synchronously, as node-hid's read callback would.
      for (const report of reports) scanner.sendReport(report);
      return scans - before;
    });
  } finally {
    await manager.stop();
  }
}

const encoder = new TextEncoder();
const serialEan13 = encoder.encode(']E04600682000181\r');
const serialMarking = encoder.encode(`]d2${marking}\r\n`);

const results = {
  runs: RUNS,
  hid: {
    ean13OneReport: summary(hidCase(ean13Reports, honeywellLayout)),
    gs1DataMatrix: { reports: markingReports.length, ...summary(hidCase(markingReports, genericLayout)) },
  },
  serial: {
    ean13Whole: summary(serialCase(serialEan13, serialEan13.length)),
    gs1DataMatrixIn8ByteChunks: { bytes: serialMarking.length, ...summary(serialCase(serialMarking, 8)) },
  },
  hidThroughManager: summary(await hidThroughManager()),
  targetP95Ms: TARGET_P95_MS,
};

console.info(JSON.stringify(results, null, 2));
