// Hybrid logical clocks (Kulkarni et al. 2014) stamp each edit of a customer field, so that edits made
// on several tills and channels, offline, merge per field to the same result everywhere: the edit with
// the greater stamp wins. A stamp is physical milliseconds, a counter for events in the same
// millisecond or behind a clock seen from elsewhere, and the node that made it (a terminal id, `hq`,
// `online`) to break ties. Written as a fixed-width string, stamps compare as plain strings, which is
// how SQLite and PostgreSQL order them too.
import { z } from 'zod';

const MS_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
/** A clock this far ahead of our own is a broken clock, not news: it is refused, not followed. */
export const MAX_HLC_DRIFT_MS = 24 * 60 * 60 * 1000;

export const HlcNode = z.string().regex(/^[a-z0-9-]{2,40}$/, 'lowercase letters, digits, dashes');
export const Hlc = z
  .string()
  .regex(new RegExp(`^\\d{${MS_DIGITS}}-\\d{${COUNTER_DIGITS}}-[a-z0-9-]{2,40}$`), 'an HLC stamp');
export type Hlc = z.infer<typeof Hlc>;

export interface HlcState {
  ms: number;
  counter: number;
}

export function formatHlc(state: HlcState, node: string): Hlc {
  return `${String(state.ms).padStart(MS_DIGITS, '0')}-${String(state.counter).padStart(COUNTER_DIGITS, '0')}-${node}`;
}

export function parseHlc(stamp: Hlc): HlcState & { node: string } {
  const ms = Number(stamp.slice(0, MS_DIGITS));
  const counter = Number(stamp.slice(MS_DIGITS + 1, MS_DIGITS + 1 + COUNTER_DIGITS));
  return { ms, counter, node: stamp.slice(MS_DIGITS + COUNTER_DIGITS + 2) };
}

/** The state after a local event at wall time `nowMs`. */
export function tickHlc(last: HlcState, nowMs: number): HlcState {
  if (nowMs > last.ms) return { ms: nowMs, counter: 0 };
  if (last.counter >= MAX_COUNTER) return { ms: last.ms + 1, counter: 0 };
  return { ms: last.ms, counter: last.counter + 1 };
}

export type HlcReceipt = { ok: true; state: HlcState } | { ok: false; reason: 'drift'; aheadMs: number };

/** The state after seeing a stamp from elsewhere, so that our next stamp sorts after it. */
export function receiveHlc(last: HlcState, remote: Hlc, nowMs: number): HlcReceipt {
  const seen = parseHlc(remote);
  if (seen.ms - nowMs > MAX_HLC_DRIFT_MS) return { ok: false, reason: 'drift', aheadMs: seen.ms - nowMs };
  const ms = Math.max(last.ms, seen.ms, nowMs);
  let counter = 0;
  if (ms === last.ms && ms === seen.ms) counter = Math.max(last.counter, seen.counter) + 1;
  else if (ms === last.ms) counter = last.counter + 1;
  else if (ms === seen.ms) counter = seen.counter + 1;
  if (counter > MAX_COUNTER) return { ok: true, state: { ms: ms + 1, counter: 0 } };
  return { ok: true, state: { ms, counter } };
}

/** Negative, zero or positive as `a` sorts before, with or after `b`. */
export function compareHlc(a: Hlc, b: Hlc): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The customer fields that merge one by one. `attr:<key>` is one preference (shoe size…);
 * `consent:<purpose>:<channel>` is one consent, `processing` having the channel `any`.
 */
export const CustomerFieldKey = z
  .string()
  .regex(
    /^(name|phoneE164|email|birthday|attr:[a-z0-9_.-]{1,40}|consent:processing:any|consent:marketing:(sms|email|push|call))$/,
    'a customer field',
  );
export type CustomerFieldKey = z.infer<typeof CustomerFieldKey>;

/** Per field, the stamp of the edit now in force. */
export const FieldClocks = z.record(CustomerFieldKey, Hlc);
export type FieldClocks = z.infer<typeof FieldClocks>;
