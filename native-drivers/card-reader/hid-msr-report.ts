// One input report of a magnetic stripe reader in HID mode → what the swipe means, through the same
// track rules as keyboard-wedge and serial readers (swipe.ts): the report's track fields are laid out
// as a keyboard-mode reader types them (%…?;…?+…?, an undecodable track as %E?), in one buffer this
// module owns and zeroes, and read by `readSwipe`. So loyalty and gift ranges and the refusal of
// payment cards apply unchanged. Pure and total: any bytes give a card read or a typed error.
import { err, ok } from '../scanner/result';
import type { Result } from '../scanner/result';
import type { HidMsrLayout } from './hid-msr-layouts';
import { readSwipe } from './swipe';
import type { CardRanges, CardRead } from './swipe';
import type { TrackNumber } from './tracks';

export type HidMsrReportError =
  /** Fewer bytes than the layout's report. */
  | { kind: 'short'; bytes: number }
  /** More bytes than the layout's report: another report format, or the wrong layout for the device. */
  | { kind: 'oversize'; bytes: number }
  /** A track's declared length exceeds its data field. */
  | { kind: 'length'; track: TrackNumber; declared: number; capacity: number }
  /** A track flagged as not decoded still declares data: the report contradicts itself. */
  | { kind: 'status'; track: TrackNumber };

export type HidMsrErrorKind = HidMsrReportError['kind'];

export type HidMsrOutcome = Result<CardRead, HidMsrReportError>;

/** A track's field in the report: where its data lies, [start, end), or that it could not be read. */
type TrackField =
  { track: TrackNumber; unreadable: true } | { track: TrackNumber; start: number; end: number };

const TRACKS = [1, 2, 3] as const;
const QUESTION = 0x3f;
const LETTER_E = 0x45;
/** How a keyboard-mode reader starts each track (tracks.ts); on the stripe track 3 starts with ';'. */
const START: Readonly<Record<TrackNumber, number>> = { 1: 0x25, 2: 0x3b, 3: 0x2b };
const isStartSentinel = (byte: number | undefined) => byte === 0x25 || byte === 0x3b || byte === 0x2b;

function parseFields(
  report: Uint8Array,
  layout: HidMsrLayout,
): Result<readonly TrackField[], HidMsrReportError> {
  if (report.length < layout.reportBytes) return err({ kind: 'short', bytes: report.length });
  if (report.length > layout.reportBytes) return err({ kind: 'oversize', bytes: report.length });
  const fields: TrackField[] = [];
  for (const track of TRACKS) {
    const declared = report[layout.lengthAt[track]] ?? 0;
    const capacity = layout.dataCapacity[track];
    const failed = layout.statusAt !== null && ((report[layout.statusAt[track]] ?? 0) & 0x01) !== 0;
    if (declared > capacity) return err({ kind: 'length', track, declared, capacity });
    // The manual: a track that failed to decode has length 0 and no valid data.
    if (failed && declared > 0) return err({ kind: 'status', track });
    if (failed) {
      fields.push({ track, unreadable: true });
    } else if (declared > 0) {
      const start = layout.dataAt[track];
      fields.push({ track, start, end: start + declared });
    }
  }
  return ok(fields);
}

/**
 * Reads one report. The report is left as it is (the caller owns it, and wipes it: see
 * `attachHidCardReader`); the copies of its track data made here and in `readSwipe` are zeroed
 * before returning.
 */
export function readHidMsrReport(
  report: Uint8Array,
  layout: HidMsrLayout,
  ranges: CardRanges,
): HidMsrOutcome {
  const fields = parseFields(report, layout);
  if (!fields.ok) return fields;
  // Each track at most its field, a start sentinel added and an end sentinel.
  const swipe = new Uint8Array(TRACKS.reduce((sum, track) => sum + layout.dataCapacity[track] + 2, 0));
  try {
    let length = 0;
    for (const field of fields.value) {
      swipe[length++] = START[field.track];
      if ('unreadable' in field) {
        swipe[length++] = LETTER_E;
        swipe[length++] = QUESTION;
        continue;
      }
      // Track data with its sentinels (MagTek) or without (a 0x8E reader may send the data alone):
      // the field's position says which track it is, so its own start sentinel is replaced.
      const from = isStartSentinel(report[field.start]) ? field.start + 1 : field.start;
      swipe.set(report.subarray(from, field.end), length);
      length += field.end - from;
      if (report[field.end - 1] !== QUESTION || from === field.end) swipe[length++] = QUESTION;
    }
    return ok(readSwipe(swipe.subarray(0, length), ranges));
  } finally {
    swipe.fill(0);
  }
}

/** A track as the reader encodes it: its characters with sentinels, or a track it failed to decode. */
export type HidMsrTrack = string | { unreadable: true };

/** Builds a report as a reader sends it: for the simulator and for round-trip tests. */
export function encodeHidMsrReport(
  tracks: Partial<Record<TrackNumber, HidMsrTrack>>,
  layout: HidMsrLayout,
): Uint8Array {
  const report = new Uint8Array(layout.reportBytes);
  for (const track of TRACKS) {
    const content = tracks[track];
    if (content === undefined) continue;
    if (typeof content !== 'string') {
      if (layout.statusAt === null)
        throw new RangeError(`a ${layout.name} report cannot flag a track as failed`);
      report[layout.statusAt[track]] = 0x01;
      continue;
    }
    const capacity = layout.dataCapacity[track];
    if (content.length > capacity) {
      throw new RangeError(`a ${layout.name} report carries at most ${capacity} bytes of track ${track}`);
    }
    report[layout.lengthAt[track]] = content.length;
    for (let i = 0; i < content.length; i++) report[layout.dataAt[track] + i] = content.charCodeAt(i) & 0xff;
  }
  return report;
}
