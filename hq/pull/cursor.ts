// Pull cursors: `v1.<hqEpoch>.<xid>.<seq>`, the change key of the last item a till applied, under the
// HQ epoch it was read in. A cursor of another epoch is stale (HQ was restored from a backup, and its
// transaction ids may have started again lower): the till must pull the stream from the start.

/** A row's place in a feed: the writing transaction and the stamp's sequence number, as decimals. */
export interface FeedKey {
  xid: string;
  seq: string;
}

export const encodeCursor = (epoch: string, key: FeedKey): string => `v1.${epoch}.${key.xid}.${key.seq}`;

export type DecodedCursor = { ok: true; key: FeedKey | null } | { ok: false; reason: 'malformed' | 'stale' };

const CURSOR = /^v1\.([A-Za-z0-9-]{1,64})\.(\d{1,20})\.(\d{1,20})$/;

/** The key after which to read; null without a cursor (the stream's beginning). */
export function decodeCursor(text: string | undefined, epoch: string): DecodedCursor {
  if (text === undefined || text === '') return { ok: true, key: null };
  const match = CURSOR.exec(text);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, cursorEpoch, xid = '0', seq = '0'] = match;
  if (cursorEpoch !== epoch) return { ok: false, reason: 'stale' };
  // Within PostgreSQL's bigint and xid8 ranges; a larger number is not a cursor HQ gave out.
  if (BigInt(xid) > 2n ** 63n - 1n || BigInt(seq) > 2n ** 63n - 1n) return { ok: false, reason: 'malformed' };
  return { ok: true, key: { xid, seq } };
}
