// Verifies the member QR a customer shows, offline: the format, the key, the signature, the time
// window, then "not used before" — the last two in one transaction with recording the use, so two
// tills sharing the database (or two scans racing) cannot both accept one token.
import type { MemberQrSettings } from '../../contract/config';
import { acceptedUntil, checkStep, parseMemberQr, parseMemberSignature } from '../domain/member-qr';
import type { MemberToken, MemberTokenOutcome } from '../domain/member-qr';
import { checkMemberSignature } from '../security/member-qr';
import type { Db } from '../store/db';
import { createMemberTokens } from '../store/member-tokens';

export interface MemberQrDeps {
  db: Db;
  memberQr: MemberQrSettings;
  /** The config's scanner.memberQrPatterns. */
  patterns: readonly string[];
}

export interface AcceptedMember {
  customerId: string;
  keyId: string;
  step: number;
}

export type MemberQrVerification = MemberTokenOutcome<AcceptedMember>;

export interface MemberQrService {
  /** A scanned or typed text, read with the configured patterns. */
  verifyMemberToken(text: string, now: Date): MemberQrVerification;
  /** The id and signature the scanner already captured (ScanMeaning `member`). */
  verifyMemberScan(scan: { memberId: string; signature: string }, now: Date): MemberQrVerification;
  /** HQ's keyring (settings stream) replaces the configured one: HQ rotates keys for the whole chain. */
  useKeyring(settings: MemberQrSettings): void;
}

/**
 * How long a replay record outlives its token's window. Tills sharing a database purge records by
 * their own clocks: without the margin, a till whose clock runs ahead would delete a record that a
 * till with the right clock still needs, and a photographed token would pass there a second time.
 */
const REPLAY_RECORD_MARGIN_MS = 10 * 60 * 1000;

export function createMemberQrService({ db, memberQr, patterns }: MemberQrDeps): MemberQrService {
  const tokens = createMemberTokens(db);
  let keys = memberQr.keys;

  const accept = db.transaction((token: MemberToken, now: Date): MemberQrVerification => {
    tokens.purgeExpired(now);
    const late = checkStep(token.step, now);
    if (late) return { ok: false, error: late };
    const keepUntil = new Date(acceptedUntil(token.step).getTime() + REPLAY_RECORD_MARGIN_MS);
    if (!tokens.markUsed(token, now, keepUntil)) {
      return { ok: false, error: { kind: 'replayed' } };
    }
    return { ok: true, value: { customerId: token.customerId, keyId: token.keyId, step: token.step } };
  });

  const verify = (parsed: MemberTokenOutcome<MemberToken>, now: Date): MemberQrVerification => {
    if (!parsed.ok) return parsed;
    // The signature before the clock: a forged token learns nothing about the time window.
    const signed = checkMemberSignature(parsed.value, keys);
    if (!signed.ok) return signed;
    return accept(signed.value, now);
  };

  return {
    verifyMemberToken: (text, now) => verify(parseMemberQr(text, patterns), now),
    verifyMemberScan: (scan, now) => verify(parseMemberSignature(scan.memberId, scan.signature), now),
    useKeyring(settings) {
      keys = settings.keys;
    },
  };
}
