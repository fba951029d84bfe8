import { describe, expect, it } from 'vitest';
import { DEMO_MEMBER_QR_KEY } from '../../contract/config';
import type { MemberQrKey } from '../../contract/config';
import { parseMemberSignature } from '../domain/member-qr';
import type { MemberToken } from '../domain/member-qr';
import { checkMemberSignature, issueMemberToken } from './member-qr';

const key = (id: string, fill: number, retired = false): MemberQrKey => ({
  id,
  secret: Buffer.alloc(32, fill).toString('base64'),
  retired,
});
const at = new Date('2026-11-23T12:00:00Z');

function issued(customerId: string, keys: MemberQrKey[], keyId?: string): MemberToken {
  const result = issueMemberToken(customerId, at, keys, keyId);
  if (!result.ok) throw new Error(result.error);
  return result.value.token;
}

describe('member QR signatures', () => {
  it('verifies a token it issued, as text that reads back to the same token', () => {
    const result = issueMemberToken('1042', at, [DEMO_MEMBER_QR_KEY]);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.text).toMatch(/^OMNI:M:1042:demo-59847840-[A-Za-z0-9_-]{22}$/);
    expect(checkMemberSignature(result.value.token, [DEMO_MEMBER_QR_KEY])).toEqual({
      ok: true,
      value: result.value.token,
    });
  });

  it('refuses a token whose MAC was changed, or moved to another customer or step', () => {
    const keys = [key('k1', 1)];
    const token = issued('1042', keys);
    const flipped = `${token.mac[0] === 'A' ? 'B' : 'A'}${token.mac.slice(1)}`;
    for (const forged of [
      { ...token, mac: flipped },
      { ...token, customerId: '1043' },
      { ...token, step: token.step + 1 },
    ]) {
      expect(checkMemberSignature(forged, keys)).toEqual({ ok: false, error: { kind: 'forged' } });
    }
  });

  it('refuses a MAC made with another secret under the same key id', () => {
    const token = issued('1042', [key('k1', 1)]);
    expect(checkMemberSignature(token, [key('k1', 2)])).toEqual({ ok: false, error: { kind: 'forged' } });
  });

  it('refuses a key id the keyring does not have', () => {
    const token = issued('1042', [key('k9', 1)]);
    expect(checkMemberSignature(token, [key('k1', 1)])).toEqual({
      ok: false,
      error: { kind: 'unknown-key', keyId: 'k9', retired: false },
    });
  });

  it('rotates keys: signs with the newest, accepts the previous until it is retired', () => {
    const before = [key('k1', 1)];
    const during = [key('k1', 1), key('k2', 2)];
    const after = [key('k1', 1, true), key('k2', 2)];
    const old = issued('1042', before);
    const current = issued('1042', during);
    expect(current.keyId).toBe('k2');
    expect(checkMemberSignature(old, during).ok).toBe(true);
    expect(checkMemberSignature(current, after).ok).toBe(true);
    expect(checkMemberSignature(old, after)).toEqual({
      ok: false,
      error: { kind: 'unknown-key', keyId: 'k1', retired: true },
    });
  });

  it('refuses to issue for an id no QR can carry or with a key the keyring lacks', () => {
    expect(issueMemberToken('10:42', at, [key('k1', 1)])).toEqual({ ok: false, error: 'customer-id' });
    expect(issueMemberToken('1042', at, [key('k1', 1)], 'k2')).toEqual({ ok: false, error: 'unknown-key' });
    expect(issueMemberToken('1042', at, [key('k1', 1, true)])).toEqual({
      ok: false,
      error: 'no-signing-key',
    });
  });

  it('refuses a MAC whose characters only share their low bytes with the real one', () => {
    const keys = [key('k1', 1)];
    const token = issued('1042', keys);
    // "Ł" is U+0141: a Latin-1 or 'ascii' encoding keeps 0x41, "A". Callers other than the parser
    // can hand this function any string.
    const lookalike = [...token.mac].map((char) => String.fromCharCode(0x100 + char.charCodeAt(0))).join('');
    expect(checkMemberSignature({ ...token, mac: lookalike }, keys)).toEqual({
      ok: false,
      error: { kind: 'forged' },
    });
  });

  it('compares only canonical MACs: a token parsed from text checks as it was signed', () => {
    const keys = [key('k1', 1)];
    const token = issued('C-7', keys);
    const parsed = parseMemberSignature('C-7', `${token.keyId}-${token.step}-${token.mac}`);
    expect(parsed.ok && checkMemberSignature(parsed.value, keys).ok).toBe(true);
  });
});
