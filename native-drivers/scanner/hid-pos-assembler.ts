// Joins the reports of one label (Decode Data Continued) into a ScanEvent. One assembler per scanner;
// the HID driver feeds it every input report with the time it arrived and forwards what comes out.
// Stateful but pure: no timers, no I/O — time is whatever the caller passes.
import { splitAimPrefix, symbologyFromAim } from './aim';
import type { HidPosLayout } from './hid-pos-layouts';
import { parseHidPosReport } from './hid-pos-report';
import type { HidPosReportError, ReportIdPresence } from './hid-pos-report';
import { err, ok, zeroCounts } from './result';
import type { RejectCounts, Result } from './result';
import { decodeUtf8 } from './text';
import type { ScanEvent } from './types';

export type HidPosError =
  | HidPosReportError
  /** A complete label with no data. */
  | { kind: 'empty' }
  /** The label grew past `maxLabelBytes`; its remaining reports are skipped. */
  | { kind: 'too-long'; max: number }
  /** The label's bytes are not UTF-8. */
  | { kind: 'encoding' }
  /** A label stopped half-way: its next report never came, or a broken one came instead. */
  | { kind: 'interrupted'; bytes: number };

export type HidPosErrorKind = HidPosError['kind'];

const ERROR_KINDS: readonly HidPosErrorKind[] = [
  'short',
  'oversize',
  'report-id',
  'length',
  'aim',
  'empty',
  'too-long',
  'encoding',
  'interrupted',
];

export interface HidPosAssemblerOptions {
  layout: HidPosLayout;
  deviceId: string | null;
  idPresence?: ReportIdPresence;
  /**
   * The largest label accepted. A QR Code holds at most 2,953 bytes and a DataMatrix 1,556, so
   * 4 KiB passes every real label and stops a runaway sequence of continuation reports.
   */
  maxLabelBytes?: number;
  /**
   * A scanner sends the reports of one label back to back (1–8 ms apart at USB full speed); a longer
   * silence means the rest was lost, and gluing the next label onto the stale part would be a misread.
   */
  maxGapMs?: number;
}

const DEFAULT_MAX_LABEL_BYTES = 4096;
const DEFAULT_MAX_REPORT_GAP_MS = 250;

interface PartialLabel {
  chunks: Uint8Array[];
  bytes: number;
  aim: string | null;
  lastAt: number;
}

export type HidPosOutcome = Result<ScanEvent, HidPosError>;

// Honeywell and others append the configured suffix (CR, or CRLF) to the data even in HID POS mode.
function withoutLineEnd(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) end--;
  if (end > 0 && bytes[end - 1] === 0x0d) end--;
  return bytes.subarray(0, end);
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export class HidPosAssembler {
  private readonly counts: RejectCounts<HidPosErrorKind> = zeroCounts(ERROR_KINDS);
  private partial: PartialLabel | null = null;
  /** After a broken label, its remaining continuation reports are dropped up to the last one. */
  private skipping: { lastAt: number } | null = null;
  private readonly maxLabelBytes: number;
  private readonly maxGapMs: number;

  constructor(private readonly options: HidPosAssemblerOptions) {
    this.maxLabelBytes = options.maxLabelBytes ?? DEFAULT_MAX_LABEL_BYTES;
    this.maxGapMs = options.maxGapMs ?? DEFAULT_MAX_REPORT_GAP_MS;
  }

  /** Rejected reports and labels so far, by kind. */
  get rejected(): Readonly<RejectCounts<HidPosErrorKind>> {
    return { ...this.counts };
  }

  get pending(): boolean {
    return this.partial !== null;
  }

  /** Forget a half-received label, e.g. when the device reconnects. */
  reset(): void {
    this.partial = null;
    this.skipping = null;
  }

  /** One input report in, zero or more complete labels or errors out (usually one, or none mid-label). */
  push(report: Uint8Array, at: number): HidPosOutcome[] {
    const out: HidPosOutcome[] = [];
    if (this.partial && at - this.partial.lastAt > this.maxGapMs) {
      out.push(this.reject({ kind: 'interrupted', bytes: this.partial.bytes }));
      this.partial = null;
    }
    if (this.skipping && at - this.skipping.lastAt > this.maxGapMs) this.skipping = null;

    const parsed = parseHidPosReport(report, this.options.layout, this.options.idPresence);
    if (!parsed.ok) {
      if (this.partial) {
        out.push(this.reject({ kind: 'interrupted', bytes: this.partial.bytes }));
        this.partial = null;
        this.skipping = { lastAt: at };
      }
      out.push(this.reject(parsed.error));
      return out;
    }
    const { data, aim, more } = parsed.value;

    if (this.skipping) {
      this.skipping = more ? { lastAt: at } : null;
      return out;
    }

    const partial: PartialLabel = this.partial ?? { chunks: [], bytes: 0, aim, lastAt: at };
    partial.chunks.push(data);
    partial.bytes += data.length;
    partial.lastAt = at;
    this.partial = null;
    if (partial.bytes > this.maxLabelBytes) {
      if (more) this.skipping = { lastAt: at };
      out.push(this.reject({ kind: 'too-long', max: this.maxLabelBytes }));
      return out;
    }
    if (more) {
      this.partial = partial;
      return out;
    }
    out.push(this.complete(concat(partial.chunks, partial.bytes), partial.aim, at));
    return out;
  }

  private complete(bytes: Uint8Array, reportAim: string | null, at: number): HidPosOutcome {
    const label = withoutLineEnd(bytes);
    if (label.length === 0) return this.reject({ kind: 'empty' });
    const text = decodeUtf8(label);
    if (!text.ok) return this.reject(text.error);
    // A scanner told to prefix the AIM id to the data sends it there instead of (or as well as) in
    // the symbology bytes; either way the event carries it once, outside the data.
    const found = reportAim === null ? splitAimPrefix(text.value) : null;
    const inData = found && found.rest.length > 0 ? found : null;
    const aim = inData?.aim ?? reportAim;
    const data = inData?.rest ?? text.value;
    return ok({
      data,
      symbology: symbologyFromAim(aim, data),
      aim,
      source: 'hid-pos',
      deviceId: this.options.deviceId,
      at,
    });
  }

  private reject(error: HidPosError): { ok: false; error: HidPosError } {
    this.counts[error.kind]++;
    return err(error);
  }
}
