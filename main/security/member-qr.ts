// The cryptography of member QR tokens (main/domain/member-qr.ts has the format): HMAC-SHA256 with
// a keyring key, truncated to 128 bits, compared in constant time. Secrets stay in this file's
// locals: no error or log line carries one.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MemberQrKey } from '../../contract/config';
import {
  MEMBER_QR_MAC_BYTES,
  formatMemberQr,
  isValidCustomerId,
  signedText,
  signingKey,
  timeStep,
  verifyingKey,
} from '../domain/member-qr';
import type { MemberToken, MemberTokenOutcome } from '../domain/member-qr';

function mac(key: MemberQrKey, token: Pick<MemberToken, 'customerId' | 'keyId' | 'step'>): string {
  return createHmac('sha256', Buffer.from(key.secret, 'base64'))
    .update(signedText(token), 'utf8')
    .digest()
    .subarray(0, MEMBER_QR_MAC_BYTES)
    .toString('base64url');
}

/** Whether the token's MAC is its key's: unknown-key or forged otherwise. Time and replay are not checked. */
export function checkMemberSignature(
  token: MemberToken,
  keys: readonly MemberQrKey[],
): MemberTokenOutcome<MemberToken> {
  const key = verifyingKey(keys, token.keyId);
  if (!key.ok) return key;
  // UTF-8, not 'ascii': Node encodes 'ascii' as Latin-1, keeping only the low byte of each character,
  // so a MAC with "Ł" (U+0141) would compare equal to one with "A". The parser allows only base64url
  // characters, but this function is exported; the length check guards timingSafeEqual.
  const expected = Buffer.from(mac(key.value, token), 'utf8');
  const actual = Buffer.from(token.mac, 'utf8');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, error: { kind: 'forged' } };
  }
  return { ok: true, value: token };
}

export type IssueError = 'customer-id' | 'no-signing-key' | 'unknown-key';

/**
 * What the customer app shows at `at`: signed with the keyring's current key, or with `keyId` (a
 * retired one too, so tests and demos can show what a till makes of it).
 */
export function issueMemberToken(
  customerId: string,
  at: Date,
  keys: readonly MemberQrKey[],
  keyId?: string,
): { ok: true; value: { token: MemberToken; text: string } } | { ok: false; error: IssueError } {
  if (!isValidCustomerId(customerId)) return { ok: false, error: 'customer-id' };
  const key =
    keyId === undefined ? signingKey(keys) : (keys.find((candidate) => candidate.id === keyId) ?? null);
  if (!key) return { ok: false, error: keyId === undefined ? 'no-signing-key' : 'unknown-key' };
  const unsigned = { customerId, keyId: key.id, step: timeStep(at) };
  const token = { ...unsigned, mac: mac(key, unsigned) };
  return { ok: true, value: { token, text: formatMemberQr(token) } };
}
