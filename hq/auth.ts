// Who is calling: `Authorization: Bearer <terminalId>.<secret>`, checked against the terminal's
// scrypt hash (constant-time), revoked terminals refused.
import { prepared } from './db/pool';
import type { Pool } from './db/pool';
import { DUMMY_HASH, VerifiedCredentials } from './security/secrets';

export interface AuthenticatedTerminal {
  id: string;
  code: string;
  storeId: number;
  storeCode: string;
}

const BEARER =
  /^Bearer ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{20,128})$/;

export function createAuthenticator(pool: Pool) {
  const verified = new VerifiedCredentials();
  return async function authenticate(header: string | undefined): Promise<AuthenticatedTerminal | null> {
    const match = header ? BEARER.exec(header) : null;
    if (!match) return null;
    const [, terminalId = '', secret = ''] = match;
    const { rows } = await pool.query<AuthenticatedTerminal & { credentialHash: string }>(
      prepared(
        `SELECT t.id, t.code, t.store_id AS "storeId", s.code AS "storeCode", t.credential_hash AS "credentialHash"
         FROM terminals t JOIN stores s ON s.id = t.store_id
         WHERE t.id = $1 AND t.revoked_at IS NULL`,
        [terminalId],
      ),
    );
    const row = rows[0];
    if (!row) {
      // As slow as a wrong secret, so an answer does not tell which terminal ids exist.
      await verified.verify(terminalId, secret, DUMMY_HASH);
      return null;
    }
    if (!(await verified.verify(row.id, secret, row.credentialHash))) return null;
    return { id: row.id, code: row.code, storeId: row.storeId, storeCode: row.storeCode };
  };
}
export type Authenticator = ReturnType<typeof createAuthenticator>;
