// GS1 element strings as scanners transmit them (GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar):
// AI + value pairs, FNC1 sent as GS (0x1D) after every value whose AI has no predefined length.
// Optionally led by the symbology id (]C1, ]d2, ]Q3, ]e0) or by a GS for FNC1 in first position.
//
// Wedge scanners cannot type GS: they drop it, and then "21ABC91EE06" is one serial, not a serial and
// a key id — nothing in the data can tell. Only a scanner programmed to send a printable stand-in
// (configured as scanner.gs1Separator) keeps such codes readable; without it a code parses wrongly
// or fails with 'too-long', never silently "right".
import { splitAimPrefix } from './aim';
import { aiAt } from './gs1-ai';
import type { AiSpec } from './gs1-ai';
import { isValidGs1Date, isValidGs1DateTime } from './gs1-date';
import { hasValidGtinCheckDigit } from './gtin';
import { err, ok } from './result';
import type { Result } from './result';

export const GS = '\u001d';

export interface Gs1Element {
  ai: string;
  value: string;
  spec: AiSpec;
}

export interface Gs1ElementString {
  /**
   * Exactly what was scanned. Marking codes (Честный ЗНАК) are passed on to the fiscal side
   * byte for byte; nothing here re-encodes them.
   */
  raw: string;
  /** Without the symbology id or a leading FNC1, with any stand-in separator turned back into GS. */
  canonical: string;
  elements: Gs1Element[];
}

export type Gs1Error =
  | { kind: 'empty' }
  | { kind: 'unknown-ai'; at: number }
  | { kind: 'duplicate-ai'; ai: string; at: number }
  /** Fewer characters than the AI's minimum (or than its fixed length) before GS or the end. */
  | { kind: 'truncated'; ai: string; at: number }
  | { kind: 'too-long'; ai: string; at: number; max: number }
  | { kind: 'charset'; ai: string; at: number }
  | { kind: 'check-digit'; ai: string; at: number }
  | { kind: 'date'; ai: string; at: number };

export type Gs1ErrorKind = Gs1Error['kind'];

export interface Gs1Options {
  /** Printable characters a wedge scanner was programmed to send in place of GS. */
  separators?: readonly string[];
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
// GS1 alphanumerics (character set 82) are a subset of printable ASCII; reading the wider set keeps
// real marking codes that stray outside it readable — the marking system, not the till, judges them.
const isPrintableAscii = (code: number) => code >= 0x21 && code <= 0x7e;

function charsetOk(value: string, spec: AiSpec, separators: ReadonlySet<string>): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const numeric = spec.chars === 'N' || i < spec.numericPrefix;
    if (numeric ? !isDigit(code) : !isPrintableAscii(code) || separators.has(value.charAt(i))) return false;
  }
  return true;
}

function checkOk(value: string, spec: AiSpec): boolean {
  switch (spec.check) {
    case 'check-digit':
      return hasValidGtinCheckDigit(value);
    case 'date':
      return isValidGs1Date(value);
    case 'date-time':
      return isValidGs1DateTime(value);
    case null:
      return true;
  }
}

/** Strips the symbology id and a leading FNC1; returns where the elements start. */
function elementsStart(text: string, isSeparator: (char: string) => boolean): number {
  const aim = splitAimPrefix(text);
  let start = aim ? 3 : 0;
  if (start < text.length && isSeparator(text.charAt(start))) start++;
  return start;
}

export function parseGs1(raw: string, options: Gs1Options = {}): Result<Gs1ElementString, Gs1Error> {
  const stand = new Set(options.separators ?? []);
  const isSeparator = (char: string) => char === GS || stand.has(char);
  const start = elementsStart(raw, isSeparator);
  if (start >= raw.length) return err({ kind: 'empty' });

  const elements: Gs1Element[] = [];
  const seen = new Set<string>();
  let at = start;
  while (at < raw.length) {
    // Encoders may put GS after fixed-length values too, or at the very end; both are harmless.
    if (isSeparator(raw.charAt(at))) {
      at++;
      continue;
    }
    const spec = aiAt(raw, at);
    if (!spec) return err({ kind: 'unknown-ai', at });
    const { ai } = spec;
    if (seen.has(ai)) return err({ kind: 'duplicate-ai', ai, at });
    seen.add(ai);

    const valueAt = at + ai.length;
    let end = valueAt;
    const limit = Math.min(raw.length, valueAt + spec.max);
    while (end < limit && !isSeparator(raw.charAt(end))) end++;
    const fixed = spec.min === spec.max;
    // A variable value runs to GS or the end; reaching the maximum with more non-GS data after it
    // means a separator was lost or the value is too long.
    if (!fixed && end === valueAt + spec.max && end < raw.length && !isSeparator(raw.charAt(end))) {
      return err({ kind: 'too-long', ai, at, max: spec.max });
    }
    const value = raw.slice(valueAt, end);
    if (value.length < spec.min) return err({ kind: 'truncated', ai, at });
    if (!charsetOk(value, spec, stand)) return err({ kind: 'charset', ai, at });
    if (!checkOk(value, spec))
      return err({ kind: spec.check === 'check-digit' ? 'check-digit' : 'date', ai, at });
    elements.push({ ai, value, spec });
    at = end;
  }

  let canonical = raw.slice(start);
  for (const char of stand) canonical = canonical.replaceAll(char, GS);
  return ok({ raw, canonical, elements });
}

/** The value of one AI, or null. */
export const gs1Value = (parsed: Gs1ElementString, ai: string): string | null =>
  parsed.elements.find((element) => element.ai === ai)?.value ?? null;

/** Encodes elements the way a scanner transmits them (no symbology id, no leading FNC1). */
export function encodeGs1(elements: readonly { ai: string; value: string; predefined: boolean }[]): string {
  return elements
    .map((element, i) => {
      const last = i === elements.length - 1;
      return `${element.ai}${element.value}${element.predefined || last ? '' : GS}`;
    })
    .join('');
}
