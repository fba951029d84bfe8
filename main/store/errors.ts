// SQLite failures at commit time become error values the cashier can act on; the transaction has
// already rolled back, so nothing partial is stored and the cart is still there.
import { fail } from '../../contract/common';
import type { PosError } from '../../contract/common';

const BUSY = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT']);
const FULL = new Set(['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_SHMSIZE']);

export function storageError(error: unknown): { ok: false; error: PosError } | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (BUSY.has(code)) return fail('STORE_BUSY', `The database is busy (${code})`);
  if (FULL.has(code)) return fail('STORE_FULL', `The disk is full (${code})`);
  return fail('STORE_FAILED', `The database failed (${code})`);
}
