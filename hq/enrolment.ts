// Stores, one-time enrolment codes and the enrolment that trades a code for a terminal identity.
import { randomUUID } from 'node:crypto';
import type { EnrolRequest, EnrolResponse, HqErrorCode } from '../contract/sync';
import { readEpoch } from './db/epoch';
import { inTransaction } from './db/pool';
import type { Pool } from './db/pool';
import { enrolmentCodeHash, hashSecret, newEnrolmentCode, newSecret } from './security/secrets';

export async function createStore(pool: Pool, store: { code: string; name: string }): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    'INSERT INTO stores (code, name) VALUES ($1, $2) RETURNING id',
    [store.code, store.name],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('store insert returned no id');
  return id;
}

export async function createEnrolmentCode(
  pool: Pool,
  storeCode: string,
  ttlMs: number,
  now = new Date(),
): Promise<{ code: string; expiresAt: Date } | null> {
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { rowCount } = await pool.query(
    `INSERT INTO enrolment_codes (code_hash, store_id, created_at, expires_at)
     SELECT $1, id, $3, $4 FROM stores WHERE code = $2`,
    [enrolmentCodeHash(code), storeCode, now, expiresAt],
  );
  return rowCount === 1 ? { code, expiresAt } : null;
}

export type EnrolOutcome =
  | { ok: true; value: EnrolResponse; replacedTerminalId: string | null }
  | {
      ok: false;
      status: number;
      error: HqErrorCode;
      message: string;
      /** For HQ's log only: the till is not told which, so a guesser learns nothing. */
      reason: 'unknown' | 'expired' | 'used' | 'store-mismatch';
    };

const refused = (reason: 'unknown' | 'expired' | 'used'): EnrolOutcome => ({
  ok: false,
  status: 403,
  error: 'ENROL_CODE_REFUSED',
  message: 'The enrolment code is unknown, expired or already used; ask HQ for a new one',
  reason,
});

export async function enrolTerminal(pool: Pool, request: EnrolRequest): Promise<EnrolOutcome> {
  // scrypt before the transaction: no row lock is held while it works.
  const terminalId = randomUUID();
  const secret = newSecret();
  const credentialHash = await hashSecret(secret);
  return inTransaction(pool, async (tx): Promise<EnrolOutcome> => {
    const { rows } = await tx.query<{
      storeId: number;
      storeCode: string;
      expired: boolean;
      used: boolean;
    }>(
      `SELECT c.store_id AS "storeId", s.code AS "storeCode", c.expires_at <= now() AS expired,
              c.used_at IS NOT NULL AS used
       FROM enrolment_codes c JOIN stores s ON s.id = c.store_id
       WHERE c.code_hash = $1 FOR UPDATE OF c`,
      [enrolmentCodeHash(request.code)],
    );
    const code = rows[0];
    if (!code) return refused('unknown');
    if (code.used) return refused('used');
    if (code.expired) return refused('expired');
    if (request.storeCode !== undefined && request.storeCode !== code.storeCode) {
      return {
        ok: false,
        status: 409,
        error: 'STORE_MISMATCH',
        message: `This code enrols a till of store ${code.storeCode}, but this till is set up for store ${request.storeCode}`,
        reason: 'store-mismatch',
      };
    }
    const replaced = await tx.query<{ id: string }>(
      `UPDATE terminals SET revoked_at = now()
       WHERE store_id = $1 AND code = $2 AND revoked_at IS NULL RETURNING id`,
      [code.storeId, request.terminalCode],
    );
    await tx.query(
      `INSERT INTO terminals (id, store_id, code, device_name, credential_hash)
       VALUES ($1, $2, $3, $4, $5)`,
      [terminalId, code.storeId, request.terminalCode, request.deviceName, credentialHash],
    );
    await tx.query('UPDATE enrolment_codes SET used_at = now(), terminal_id = $2 WHERE code_hash = $1', [
      enrolmentCodeHash(request.code),
      terminalId,
    ]);
    return {
      ok: true,
      value: {
        terminalId,
        credential: `${terminalId}.${secret}`,
        storeCode: code.storeCode,
        hqEpoch: await readEpoch(tx),
      },
      replacedTerminalId: replaced.rows[0]?.id ?? null,
    };
  });
}
