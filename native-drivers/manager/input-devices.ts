// Scanners and card readers: bytes from a transport through the decoder that fits, out as data
// events. Malformed input is counted and logged by kind, never thrown; card data is never logged.
import type { SerialScannerFraming } from '../../contract/config';
import type { HidMsrLayout } from '../card-reader/hid-msr-layouts';
import { readHidMsrReport } from '../card-reader/hid-msr-report';
import type { HidMsrOutcome } from '../card-reader/hid-msr-report';
import { SwipeStream } from '../card-reader/swipe-stream';
import { misread } from '../card-reader/swipe';
import type { CardRanges, CardRead } from '../card-reader/swipe';
import { HidPosAssembler } from '../scanner/hid-pos-assembler';
import type { HidPosLayout } from '../scanner/hid-pos-layouts';
import { SerialFramer } from '../scanner/serial-framer';
import type { Result } from '../scanner/result';
import type { ScanEvent } from '../scanner/types';
import type { Transport } from '../transports/types';
import type { ConnectionContext, DeviceConnection } from './connection';
import { connectDevice } from './connection';
import type { DeviceRecord } from './device-record';

export interface InputContext extends ConnectionContext {
  now: () => number;
  scan: (event: ScanEvent) => void;
  swipe: (read: CardRead, deviceId: string) => void;
}

/** A device the manager holds: its record, its connection, and how to let it go. */
export interface AttachedDevice {
  readonly record: DeviceRecord;
  readonly connection: DeviceConnection | null;
  close(): Promise<void>;
}

/** A card reader sends a swipe's bytes back to back; a swipe left unfinished this long is dropped. */
const SWIPE_QUIET_MS = 1000;

function deliverScans(
  record: DeviceRecord,
  context: InputContext,
  outcomes: readonly Result<ScanEvent, { kind: string }>[],
): void {
  for (const outcome of outcomes) {
    if (outcome.ok) {
      record.count('events');
      context.scan(outcome.value);
    } else {
      record.count('rejected');
      context.log.warn('scan.rejected', { deviceId: record.id, kind: outcome.error.kind });
    }
  }
}

export function attachHidScanner(
  record: DeviceRecord,
  transport: Transport,
  layout: HidPosLayout,
  context: InputContext,
): AttachedDevice {
  const assembler = new HidPosAssembler({ layout, deviceId: record.id });
  const connection = connectDevice(record, transport, context, {
    opened: () => {
      assembler.reset();
      record.set({ state: 'idle' });
    },
    lost: () => assembler.reset(),
  });
  connection.transport?.on('data', (report) =>
    deliverScans(record, context, assembler.push(report, context.now())),
  );
  return { record, connection, close: () => connection.close() };
}

export function attachSerialScanner(
  record: DeviceRecord,
  transport: Transport,
  framing: SerialScannerFraming,
  context: InputContext,
): AttachedDevice {
  let framer = new SerialFramer(framing, record.id);
  let cancelTick: () => void = () => undefined;
  // The framer sets no timers: a label without a suffix ends when the line goes quiet, at its deadline.
  const scheduleTick = () => {
    cancelTick();
    const deadline = framer.deadline();
    if (deadline === null) return;
    cancelTick = context.scheduler.after(Math.max(0, deadline - context.now()) + 1, () => {
      deliverScans(record, context, framer.tick(context.now()));
      scheduleTick();
    });
  };
  const connection = connectDevice(record, transport, context, {
    opened: () => {
      framer = new SerialFramer(framing, record.id);
      record.set({ state: 'idle' });
    },
    lost: () => cancelTick(),
  });
  connection.transport?.on('data', (chunk) => {
    deliverScans(record, context, framer.push(chunk, context.now()));
    scheduleTick();
  });
  return {
    record,
    connection,
    close: async () => {
      cancelTick();
      await connection.close();
    },
  };
}

/** A read swipe counts as an event, a misread as rejected; either way the cashier hears of it. */
function deliverSwipe(record: DeviceRecord, context: InputContext, read: CardRead): void {
  if (read.kind === 'misread') {
    record.count('rejected');
    context.log.warn('swipe.misread', { deviceId: record.id, code: read.error.code });
  } else {
    record.count('events');
  }
  context.swipe(read, record.id);
}

export function attachCardReader(
  record: DeviceRecord,
  transport: Transport,
  ranges: CardRanges,
  context: InputContext,
): AttachedDevice {
  const stream = new SwipeStream(ranges, (read) => deliverSwipe(record, context, read));
  let cancelQuiet: () => void = () => undefined;
  const connection = connectDevice(record, transport, context, {
    opened: () => {
      stream.reset();
      record.set({ state: 'idle' });
    },
    lost: () => {
      cancelQuiet();
      stream.reset();
    },
  });
  connection.transport?.on('data', (chunk) => {
    stream.push(chunk);
    // Half a swipe must not linger in memory, nor be glued to the next swipe.
    cancelQuiet();
    cancelQuiet = context.scheduler.after(SWIPE_QUIET_MS, () => stream.reset());
  });
  return {
    record,
    connection,
    close: async () => {
      cancelQuiet();
      stream.reset();
      await connection.close();
    },
  };
}

/**
 * A magnetic stripe reader in HID mode: one input report per swipe. The transport must wipe its
 * reports (`HidOptions.wipeInput`); the report is also zeroed here once read, so no track data
 * outlives the swipe whichever transport delivers it. A malformed report is counted and logged by
 * kind, and the cashier is asked to swipe again.
 */
export function attachHidCardReader(
  record: DeviceRecord,
  transport: Transport,
  layout: HidMsrLayout,
  ranges: CardRanges,
  context: InputContext,
): AttachedDevice {
  const connection = connectDevice(record, transport, context, {
    opened: () => record.set({ state: 'idle' }),
  });
  connection.transport?.on('data', (report) => {
    let outcome: HidMsrOutcome;
    try {
      outcome = readHidMsrReport(report, layout, ranges);
    } finally {
      report.fill(0);
    }
    if (outcome.ok) return deliverSwipe(record, context, outcome.value);
    record.count('rejected');
    context.log.warn('swipe.report_rejected', { deviceId: record.id, kind: outcome.error.kind });
    context.swipe(misread('format'), record.id);
  });
  return { record, connection, close: () => connection.close() };
}
