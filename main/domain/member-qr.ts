// Member QR tokens, the rules without the cryptography (main/security/member-qr.ts computes the HMAC):
// the format, the 30-second time steps and which steps a till accepts.
//
// A token is the customer app's compact QR text, or the same as a link:
//   OMNI:M:<customerId>:<keyId>-<step>-<mac>
//   https://omnitill.app/m/<customerId>?s=<keyId>-<step>-<mac>
// customerId  1–64 of [A-Za-z0-9-], the customer's id as HQ and the app know it
// keyId       1–16 of [A-Za-z0-9], a key of the keyring in the config (`memberQr.keys`)
// step        floor(unix seconds / 30) in decimal, no leading zeros (RFC 6238 §4 time step, T0 = 0)
// mac         HMAC-SHA256(key, "omnitill.member-qr.v1|<keyId>|<customerId>|<step>"), first 16 bytes
//             (128 bits, RFC 2104 §5 allows truncation to half the output), base64url without padding:
//             exactly 22 characters
// The signature part stays within the base64url alphabet, so the config's memberQrPatterns, and
// config files that copied them, recognise it unchanged.
import type { MemberQrKey } from '../../contract/config';

export const MEMBER_QR_STEP_SECONDS = 30;
/** Steps a token may be off the till's clock either way: a phone's clock, the time to scan. */
export const MEMBER_QR_SKEW_STEPS = 1;
export const MEMBER_QR_MAC_BYTES = 16;
export const MEMBER_QR_MAC_CHARS = 22;

const STEP_MS = MEMBER_QR_STEP_SECONDS * 1000;
const CUSTOMER_ID = /^[A-Za-z0-9-]{1,64}$/;
const SIGNATURE = /^([A-Za-z0-9]{1,16})-(0|[1-9][0-9]{0,11})-([A-Za-z0-9_-]{22})$/;
const COMPACT_PREFIX = 'OMNI:M:';

export interface MemberToken {
  customerId: string;
  keyId: string;
  step: number;
  /** base64url, as it was in the token. */
  mac: string;
}

export type MemberTokenError =
  | { kind: 'malformed'; reason: 'not-a-member-qr' | 'customer-id' | 'signature' }
  /** The key id is not in the keyring, or it is there but retired. */
  | { kind: 'unknown-key'; keyId: string; retired: boolean }
  | { kind: 'forged' }
  | { kind: 'expired'; step: number; currentStep: number }
  | { kind: 'not-yet-valid'; step: number; currentStep: number }
  | { kind: 'replayed' };

export type MemberTokenOutcome<T> = { ok: true; value: T } | { ok: false; error: MemberTokenError };

const refused = (error: MemberTokenError): { ok: false; error: MemberTokenError } => ({ ok: false, error });

export function timeStep(at: Date): number {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('member QR time step of an invalid date');
  return Math.floor(ms / STEP_MS);
}

/** When a token of `step` can no longer be accepted: its replay record may go then. */
export function acceptedUntil(step: number): Date {
  return new Date((step + MEMBER_QR_SKEW_STEPS + 1) * STEP_MS);
}

/** The text the MAC covers; the version tag keeps these MACs apart from anything else signed. */
export function signedText(token: Pick<MemberToken, 'customerId' | 'keyId' | 'step'>): string {
  return `omnitill.member-qr.v1|${token.keyId}|${token.customerId}|${token.step}`;
}

/** The id and signature a scan pattern captured (ScanMeaning `member`), read as a token. */
export function parseMemberSignature(customerId: string, signature: string): MemberTokenOutcome<MemberToken> {
  if (!CUSTOMER_ID.test(customerId)) return refused({ kind: 'malformed', reason: 'customer-id' });
  const parts = SIGNATURE.exec(signature);
  if (!parts) return refused({ kind: 'malformed', reason: 'signature' });
  const [, keyId = '', step = '', mac = ''] = parts;
  return { ok: true, value: { customerId, keyId, step: Number(step), mac } };
}

/** A scanned text read with the config's member QR patterns (named groups `id` and `sig`). */
export function parseMemberQr(text: string, patterns: readonly string[]): MemberTokenOutcome<MemberToken> {
  const data = text.trim();
  for (const pattern of patterns) {
    const groups = new RegExp(pattern).exec(data)?.groups;
    if (groups?.id !== undefined && groups.sig !== undefined)
      return parseMemberSignature(groups.id, groups.sig);
  }
  return refused({ kind: 'malformed', reason: 'not-a-member-qr' });
}

export function formatMemberQr(token: MemberToken): string {
  return `${COMPACT_PREFIX}${token.customerId}:${token.keyId}-${token.step}-${token.mac}`;
}

export function isValidCustomerId(customerId: string): boolean {
  return CUSTOMER_ID.test(customerId);
}

/** Null when the till accepts a token of `step` at `now`: within ±MEMBER_QR_SKEW_STEPS. */
export function checkStep(step: number, now: Date): MemberTokenError | null {
  const currentStep = timeStep(now);
  if (step < currentStep - MEMBER_QR_SKEW_STEPS) return { kind: 'expired', step, currentStep };
  if (step > currentStep + MEMBER_QR_SKEW_STEPS) return { kind: 'not-yet-valid', step, currentStep };
  return null;
}

/** The key a token names, if the till still accepts it. */
export function verifyingKey(keys: readonly MemberQrKey[], keyId: string): MemberTokenOutcome<MemberQrKey> {
  const key = keys.find((candidate) => candidate.id === keyId);
  if (!key || key.retired) return refused({ kind: 'unknown-key', keyId, retired: key !== undefined });
  return { ok: true, value: key };
}

/** The key new tokens are signed with: the last key not retired (HQ appends new keys). */
export function signingKey(keys: readonly MemberQrKey[]): MemberQrKey | null {
  return keys.findLast((key) => !key.retired) ?? null;
}
