import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultTillConfig } from '../../contract/config';
import type { MemberQrKey } from '../../contract/config';
import { MEMBER_QR_STEP_SECONDS, timeStep } from '../domain/member-qr';
import { issueMemberToken } from '../security/member-qr';
import { openDatabase } from '../store/db';
import type { Db } from '../store/db';
import { storageError } from '../store/errors';
import { createMemberQrService } from './member-qr';
import type { MemberQrService } from './member-qr';

const key = (id: string, fill: number, retired = false): MemberQrKey => ({
  id,
  secret: Buffer.alloc(32, fill).toString('base64'),
  retired,
});
// HQ rolled the keys at New Year: 2025's key is retired, 2026's signs and verifies.
const k2025 = key('k2025', 25, true);
const k2026 = key('k2026', 26);
const memberQr = { keys: [k2025, k2026] };
const patterns = defaultTillConfig.scanner.memberQrPatterns;

const at = new Date('2026-11-23T12:00:10Z');
const step = timeStep(at);
const stepsFrom = (base: Date, steps: number) =>
  new Date(base.getTime() + steps * MEMBER_QR_STEP_SECONDS * 1000);
const minutesFrom = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);

/** The QR text the customer's phone shows at `shownAt`. */
function shown(customerId: string, shownAt: Date, keys: MemberQrKey[] = memberQr.keys, keyId?: string) {
  const issued = issueMemberToken(customerId, shownAt, keys, keyId);
  if (!issued.ok) throw new Error(`not issued: ${issued.error}`);
  return issued.value;
}

/** What a scanner captures from the compact QR (ScanMeaning `member`). */
function scanned(text: string) {
  const [, memberId = '', signature = ''] = /^OMNI:M:([^:]*):(.*)$/.exec(text) ?? [];
  return { memberId, signature };
}

let dir: string;
let db: Db;
let till: MemberQrService;
const openDbs: Db[] = [];

function open(): Db {
  const opened = openDatabase(join(dir, 'till.sqlite'), { busyTimeoutMs: 50 });
  openDbs.push(opened);
  return opened;
}

const replayRecords = () =>
  db
    .prepare('SELECT customer_id AS customerId, step FROM member_tokens_seen ORDER BY step, customer_id')
    .all();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'omnitill-member-qr-'));
  db = open();
  till = createMemberQrService({ db, memberQr, patterns });
});
afterEach(() => {
  for (const opened of openDbs.splice(0)) opened.close();
});

describe('verifying a member QR', () => {
  it('accepts a fresh token once and names the customer it belongs to', () => {
    const { text } = shown('1042', at);
    expect(till.verifyMemberToken(text, at)).toEqual({
      ok: true,
      value: { customerId: '1042', keyId: 'k2026', step },
    });
  });

  it('refuses the same token a second time as replayed, whichever way it comes in', () => {
    const { text } = shown('1042', at);
    expect(till.verifyMemberToken(text, at).ok).toBe(true);
    const later = stepsFrom(at, 1);
    expect(till.verifyMemberToken(text, later)).toEqual({ ok: false, error: { kind: 'replayed' } });
    expect(till.verifyMemberScan(scanned(text), later)).toEqual({ ok: false, error: { kind: 'replayed' } });
    const { signature } = scanned(text);
    expect(till.verifyMemberToken(`https://omnitill.app/m/1042?s=${signature}`, later)).toEqual({
      ok: false,
      error: { kind: 'replayed' },
    });
  });

  it('refuses as replayed a typed token whose scan was accepted', () => {
    const { text } = shown('1042', at);
    expect(till.verifyMemberScan(scanned(text), at)).toMatchObject({
      ok: true,
      value: { customerId: '1042' },
    });
    expect(till.verifyMemberToken(` ${text}\n`, at)).toEqual({ ok: false, error: { kind: 'replayed' } });
  });

  it('keeps customers apart: two customers showing their codes in the same 30 seconds are both accepted', () => {
    expect(till.verifyMemberToken(shown('1042', at).text, at).ok).toBe(true);
    expect(till.verifyMemberToken(shown('1043', at).text, at).ok).toBe(true);
    expect(till.verifyMemberToken(shown('1042', stepsFrom(at, 1)).text, stepsFrom(at, 1)).ok).toBe(true);
  });

  it('accepts a phone clock one step off either way, and refuses two steps', () => {
    expect(till.verifyMemberToken(shown('1', stepsFrom(at, -1)).text, at)).toMatchObject({ ok: true });
    expect(till.verifyMemberToken(shown('2', stepsFrom(at, 1)).text, at)).toMatchObject({ ok: true });
    expect(till.verifyMemberToken(shown('3', stepsFrom(at, -2)).text, at)).toEqual({
      ok: false,
      error: { kind: 'expired', step: step - 2, currentStep: step },
    });
    expect(till.verifyMemberToken(shown('4', stepsFrom(at, 2)).text, at)).toEqual({
      ok: false,
      error: { kind: 'not-yet-valid', step: step + 2, currentStep: step },
    });
  });

  it('does not let a token refused as too early burn it: it is accepted once its time comes', () => {
    const { text } = shown('1042', stepsFrom(at, 2));
    expect(till.verifyMemberToken(text, at)).toMatchObject({ error: { kind: 'not-yet-valid' } });
    expect(till.verifyMemberToken(text, stepsFrom(at, 1))).toMatchObject({ ok: true });
  });

  it('refuses a token with one MAC character changed as forged, and still takes the real one', () => {
    const { token, text } = shown('1042', at);
    const changed = token.mac[5] === 'x' ? 'y' : 'x';
    const forged = `${text.slice(0, -token.mac.length)}${token.mac.slice(0, 5)}${changed}${token.mac.slice(6)}`;
    expect(forged).toHaveLength(text.length);
    expect(till.verifyMemberToken(forged, at)).toEqual({ ok: false, error: { kind: 'forged' } });
    expect(till.verifyMemberScan(scanned(forged), at)).toEqual({ ok: false, error: { kind: 'forged' } });
    expect(till.verifyMemberToken(text, at)).toMatchObject({ ok: true });
  });

  it('refuses a token moved to another customer as forged', () => {
    const { text } = shown('1042', at);
    expect(till.verifyMemberToken(text.replace(':1042:', ':1043:'), at)).toEqual({
      ok: false,
      error: { kind: 'forged' },
    });
  });

  it('refuses a key id the keyring does not have, and a key HQ retired', () => {
    const stranger = shown('1042', at, [key('k2099', 99)]);
    expect(till.verifyMemberToken(stranger.text, at)).toEqual({
      ok: false,
      error: { kind: 'unknown-key', keyId: 'k2099', retired: false },
    });
    const old = shown('1042', at, memberQr.keys, 'k2025');
    expect(old.token.keyId).toBe('k2025');
    expect(till.verifyMemberToken(old.text, at)).toEqual({
      ok: false,
      error: { kind: 'unknown-key', keyId: 'k2025', retired: true },
    });
    expect(till.verifyMemberScan(scanned(old.text), at)).toMatchObject({ error: { kind: 'unknown-key' } });
    expect(replayRecords()).toEqual([]);
  });

  it('verifies with the keyring HQ sends from then on: its new key passes, the key it retired fails', () => {
    const k2027 = key('k2027', 27);
    const signedWith2026 = shown('1042', at, memberQr.keys, 'k2026');
    const signedWith2027 = shown('1043', at, [k2027]);
    expect(till.verifyMemberToken(signedWith2027.text, at)).toMatchObject({ error: { kind: 'unknown-key' } });
    till.useKeyring({ keys: [{ ...k2026, retired: true }, k2027] });
    expect(till.verifyMemberToken(signedWith2027.text, at)).toMatchObject({ ok: true });
    expect(till.verifyMemberToken(signedWith2026.text, at)).toEqual({
      ok: false,
      error: { kind: 'unknown-key', keyId: 'k2026', retired: true },
    });
  });

  it('refuses malformed texts as malformed without throwing or touching the table', () => {
    const { token } = shown('1042', at);
    const signature = `k2026-${step}-${token.mac}`;
    const texts = [
      '',
      '   ',
      'garbage',
      '4601234567893',
      "OMNI:M:1042'; DROP TABLE member_tokens_seen; --:" + signature,
      `OMNI:M:1042:${signature}' OR '1'='1`,
      `OMNI:M:${'1'.repeat(10_000)}:${signature}`,
      `OMNI:M:1042:${signature}${'A'.repeat(10_000)}`,
      'x'.repeat(10_240),
      `OMNI:X:1042:${signature}`,
      `omni:m:1042:${signature}`,
      `http://omnitill.app/m/1042?s=${signature}`,
      `https://omnitill.app.evil.example/m/1042?s=${signature}`,
      `OMNI:M:1042:k2026-0${step}-${token.mac}`,
      `OMNI:M:1042:k2026-${step}-${token.mac.slice(1)}`,
      `OMNI:M:1042:k2026-${step}-${token.mac}\u0000`,
    ];
    for (const text of texts) {
      expect(till.verifyMemberToken(text, at), JSON.stringify(text.slice(0, 60))).toMatchObject({
        ok: false,
        error: { kind: 'malformed' },
      });
    }
    for (const scan of [
      { memberId: '', signature },
      { memberId: "1042' OR 1=1 --", signature },
      { memberId: '1042', signature: '' },
      { memberId: '1042', signature: `${signature}; DELETE FROM member_tokens_seen` },
      { memberId: '1042', signature: 'A'.repeat(10_240) },
    ]) {
      expect(till.verifyMemberScan(scan, at)).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    }
    expect(replayRecords()).toEqual([]);
    expect(till.verifyMemberToken(`OMNI:M:1042:${signature}`, at)).toMatchObject({ ok: true });
  });

  it('forgets used tokens once they have expired, and still refuses them as expired', () => {
    const first = shown('1042', at).text;
    expect(till.verifyMemberToken(first, at).ok).toBe(true);
    expect(till.verifyMemberToken(shown('1043', at).text, at).ok).toBe(true);
    expect(replayRecords()).toHaveLength(2);

    const nextDay = minutesFrom(at, 24 * 60);
    expect(till.verifyMemberToken(shown('1044', nextDay).text, nextDay).ok).toBe(true);
    expect(replayRecords()).toEqual([{ customerId: '1044', step: timeStep(nextDay) }]);
    expect(till.verifyMemberToken(first, nextDay)).toMatchObject({ ok: false, error: { kind: 'expired' } });
  });

  it('keeps a used token on record some minutes past its window, for tills whose clocks run ahead', () => {
    const { text } = shown('1042', at);
    expect(till.verifyMemberToken(text, at).ok).toBe(true);
    // A till sharing the database, its clock 5 minutes ahead, verifies someone else's code.
    const ahead = minutesFrom(at, 5);
    expect(till.verifyMemberToken(shown('1043', ahead).text, ahead).ok).toBe(true);
    expect(till.verifyMemberToken(text, stepsFrom(at, 1))).toEqual({
      ok: false,
      error: { kind: 'replayed' },
    });
  });
});

describe('two tills sharing one database file', () => {
  it('accept a token at one till only', () => {
    const other = createMemberQrService({ db: open(), memberQr, patterns });
    const { text } = shown('1042', at);
    expect(other.verifyMemberToken(text, at)).toMatchObject({ ok: true });
    expect(till.verifyMemberToken(text, at)).toEqual({ ok: false, error: { kind: 'replayed' } });
    expect(till.verifyMemberScan(scanned(text), at)).toEqual({ ok: false, error: { kind: 'replayed' } });
    expect(other.verifyMemberToken(text, at)).toEqual({ ok: false, error: { kind: 'replayed' } });
  });

  it('accept each of many tokens exactly once when both are offered all of them', () => {
    const other = createMemberQrService({ db: open(), memberQr, patterns });
    const texts = Array.from({ length: 50 }, (_, n) => shown(String(2000 + n), at).text);
    let accepted = 0;
    for (const [n, text] of texts.entries()) {
      // Alternate which till sees the token first, as two lanes would.
      const [first, second] = n % 2 === 0 ? [till, other] : [other, till];
      for (const lane of [first, second]) if (lane.verifyMemberToken(text, at).ok) accepted += 1;
    }
    expect(accepted).toBe(texts.length);
  });

  it('never decide while the other is recording the token: STORE_BUSY, then replayed', () => {
    const otherDb = open();
    const other = createMemberQrService({ db: otherDb, memberQr, patterns });
    const { text } = shown('1042', at);
    otherDb.transaction(() => {
      // The other till has recorded the token and not committed yet.
      expect(other.verifyMemberToken(text, at)).toMatchObject({ ok: true });
      let failure: unknown;
      try {
        till.verifyMemberToken(text, at);
      } catch (error) {
        failure = error;
      }
      expect(storageError(failure)).toMatchObject({ ok: false, error: { code: 'STORE_BUSY' } });
    })();
    expect(till.verifyMemberToken(text, at)).toEqual({ ok: false, error: { kind: 'replayed' } });
  });
});
