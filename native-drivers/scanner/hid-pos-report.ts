// One HID POS input report → its data bytes, AIM identifier and "more follows" flag. Pure and total:
// any byte array gives either fields or a typed error, so a misbehaving scanner cannot crash main.
import type { HidPosLayout } from './hid-pos-layouts';
import { err, ok } from './result';
import type { Result } from './result';

export interface HidPosReportFields {
  data: Uint8Array;
  /** "]E0" and the like, or null when the scanner left the three bytes zero. */
  aim: string | null;
  more: boolean;
}

export type HidPosReportError =
  /** Fewer bytes than the layout's report (the fixed-position AIM id and flag would be missing). */
  | { kind: 'short'; bytes: number }
  /** More bytes than the layout's report: a different report, or a wrong layout for this device. */
  | { kind: 'oversize'; bytes: number }
  /** Byte 0 is not the scanned-data report id (a trigger or status report, or a wrong layout). */
  | { kind: 'report-id'; reportId: number }
  /** The declared data length exceeds what the report can carry. */
  | { kind: 'length'; declared: number; capacity: number }
  /** The symbology bytes are neither zero nor an AIM identifier. */
  | { kind: 'aim' };

/**
 * Whether the first byte is the report id: node-hid on hidraw keeps it for numbered reports, WebHID
 * strips it. 'auto' decides by size: a full report has the id, one byte less has not.
 */
export type ReportIdPresence = 'included' | 'stripped' | 'auto';

const AIM_FLAG = 0x5d; // ']'
const isAimCharacter = (byte: number) => byte >= 0x21 && byte <= 0x7e;

function readAim(b0: number, b1: number, b2: number): Result<string | null, HidPosReportError> {
  if (b0 === 0 && b1 === 0 && b2 === 0) return ok(null);
  if (b0 !== AIM_FLAG || !isAimCharacter(b1) || !isAimCharacter(b2)) return err({ kind: 'aim' });
  return ok(String.fromCharCode(b0, b1, b2));
}

export function parseHidPosReport(
  report: Uint8Array,
  layout: HidPosLayout,
  idPresence: ReportIdPresence = 'auto',
): Result<HidPosReportFields, HidPosReportError> {
  const full = layout.reportBytes;
  const hasId = idPresence === 'auto' ? report.length >= full : idPresence === 'included';
  const expected = hasId ? full : full - 1;
  if (report.length < expected) return err({ kind: 'short', bytes: report.length });
  if (report.length > expected) return err({ kind: 'oversize', bytes: report.length });
  if (hasId && report[0] !== layout.reportId) return err({ kind: 'report-id', reportId: report[0] ?? 0 });

  const shift = hasId ? 0 : -1;
  const at = (offset: number) => report[offset + shift] ?? 0;
  const declared = at(layout.lengthAt);
  if (declared > layout.dataCapacity) {
    return err({ kind: 'length', declared, capacity: layout.dataCapacity });
  }
  const aim = readAim(at(layout.aimAt), at(layout.aimAt + 1), at(layout.aimAt + 2));
  if (!aim.ok) return aim;
  const start = layout.dataAt + shift;
  return ok({
    data: report.slice(start, start + declared),
    aim: aim.value,
    more: (at(layout.moreAt) & layout.moreMask) !== 0,
  });
}

/** Builds a report as a scanner would send it: for the simulator and for round-trip tests. */
export function encodeHidPosReport(
  fields: HidPosReportFields,
  layout: HidPosLayout,
  idPresence: 'included' | 'stripped' = 'included',
): Uint8Array {
  if (fields.data.length > layout.dataCapacity) {
    throw new RangeError(`a ${layout.name} report carries at most ${layout.dataCapacity} data bytes`);
  }
  const report = new Uint8Array(layout.reportBytes);
  report[0] = layout.reportId;
  report[layout.lengthAt] = fields.data.length;
  report.set(fields.data, layout.dataAt);
  if (fields.aim !== null) {
    for (let i = 0; i < 3; i++) report[layout.aimAt + i] = fields.aim.charCodeAt(i) & 0xff;
  }
  if (fields.more) report[layout.moreAt] = (report[layout.moreAt] ?? 0) | layout.moreMask;
  return idPresence === 'included' ? report : report.slice(1);
}

/** Splits one label into the reports a scanner sends for it, continuation flag set on all but the last. */
export function encodeHidPosLabel(
  data: Uint8Array,
  aim: string | null,
  layout: HidPosLayout,
  idPresence: 'included' | 'stripped' = 'included',
): Uint8Array[] {
  const reports: Uint8Array[] = [];
  let offset = 0;
  do {
    const chunk = data.subarray(offset, offset + layout.dataCapacity);
    offset += chunk.length;
    reports.push(encodeHidPosReport({ data: chunk, aim, more: offset < data.length }, layout, idPresence));
  } while (offset < data.length);
  return reports;
}
