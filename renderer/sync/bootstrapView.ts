// The first download as the sync page draws it: a bar per kind of data, and the words under it.
import { PullStream } from '../../contract/pull-stream';
import type { BootstrapStatus, PullStatus } from '../../contract/sync-status';

export interface BootstrapRow {
  stream: PullStream;
  state: 'waiting' | 'downloading' | 'done';
  done: number;
  /** Null until HQ has said how many the stream holds: the bar then runs without a known end. */
  expected: number | null;
}

export const bootstrapRows = (status: BootstrapStatus): BootstrapRow[] =>
  status.streams.map(({ stream, state, done, expected }) => ({
    stream,
    state,
    done,
    // HQ's count is "about": the till may hold a few more by the end of the stream.
    expected: expected === null ? null : Math.max(expected, done),
  }));

/** A bar's fill: none while waiting, unknown (running) until HQ has counted, full once done. */
export function barOf(row: BootstrapRow): { value: number; max: number } | null {
  if (row.state === 'waiting') return { value: 0, max: 1 };
  if (row.state === 'done') return { value: 1, max: 1 };
  return row.expected === null ? null : { value: row.done, max: Math.max(row.expected, 1) };
}

/** What came down from HQ, kind by kind, in the contract's order (catalogue first) rather than by name. */
export const pulledRows = (pull: PullStatus): PullStatus['streams'] =>
  [...pull.streams].sort(
    (a, b) => PullStream.options.indexOf(a.stream) - PullStream.options.indexOf(b.stream),
  );

/** Megabytes received, whole: a shop floor does not need the decimals. */
export const receivedMegabytes = (bytes: number): number => Math.round(bytes / 1_000_000);

/** The stream the download stopped at, if it names one. */
export const stoppedAt = (status: BootstrapStatus): PullStream | null =>
  status.phase === 'failed' ? (status.error?.stream ?? null) : null;
