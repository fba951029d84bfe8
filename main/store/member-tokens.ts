// Repository of the member QR tokens a till has accepted (migration 004): each token once.
import type { Db } from './db';

export interface SeenToken {
  customerId: string;
  step: number;
  keyId: string;
}

export function createMemberTokens(db: Db) {
  const insert = db.prepare<[string, number, string, string, string]>(
    `INSERT INTO member_tokens_seen (customer_id, step, key_id, seen_at, expires_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (customer_id, step, key_id) DO NOTHING`,
  );
  const purge = db.prepare<[string]>('DELETE FROM member_tokens_seen WHERE expires_at <= ?');
  return {
    /** Records the token as used; false when it had been used already. */
    markUsed(token: SeenToken, seenAt: Date, expiresAt: Date): boolean {
      const { changes } = insert.run(
        token.customerId,
        token.step,
        token.keyId,
        seenAt.toISOString(),
        expiresAt.toISOString(),
      );
      return changes === 1;
    },
    /** Forgets tokens that can no longer be accepted; returns how many. */
    purgeExpired(now: Date): number {
      return purge.run(now.toISOString()).changes;
    },
  };
}
export type MemberTokens = ReturnType<typeof createMemberTokens>;
