import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScannerSettings } from '../../contract/config';
import {
  acceptedUntil,
  checkStep,
  formatMemberQr,
  parseMemberQr,
  parseMemberSignature,
  signingKey,
  timeStep,
  verifyingKey,
} from './member-qr';

const patterns = ScannerSettings.parse({}).memberQrPatterns;
const mac = 'AbCdEfGhIjKlMnOpQr_-12';
const at = new Date('2026-11-23T12:00:10Z');
const step = timeStep(at);

describe('member QR format', () => {
  it('reads the compact form and the link form of one token alike', () => {
    const token = { customerId: 'C-1042', keyId: 'k2026', step, mac };
    const compact = formatMemberQr(token);
    expect(compact).toBe(`OMNI:M:C-1042:k2026-${step}-${mac}`);
    expect(parseMemberQr(compact, patterns)).toEqual({ ok: true, value: token });
    const link = `https://omnitill.app/m/C-1042?s=k2026-${step}-${mac}`;
    expect(parseMemberQr(link, patterns)).toEqual({ ok: true, value: token });
  });

  it('counts 30-second steps from the Unix epoch', () => {
    expect(timeStep(new Date(0))).toBe(0);
    expect(timeStep(new Date(29_999))).toBe(0);
    expect(timeStep(new Date(30_000))).toBe(1);
    expect(acceptedUntil(10).getTime()).toBe(12 * 30_000);
  });

  it('refuses signatures without key id, step and a 22-character MAC, and steps with leading zeros', () => {
    for (const signature of [
      mac,
      `k1-${step}-${mac}x`,
      `k1-${step}-${mac.slice(1)}`,
      `k1-0${step}-${mac}`,
      `k.1-${step}-${mac}`,
      `-${step}-${mac}`,
      `k1--${mac}`,
      `k1-1234567890123-${mac}`,
    ]) {
      expect(parseMemberSignature('1042', signature)).toEqual({
        ok: false,
        error: { kind: 'malformed', reason: 'signature' },
      });
    }
    expect(parseMemberSignature('10:42', `k1-${step}-${mac}`)).toMatchObject({
      error: { reason: 'customer-id' },
    });
    expect(parseMemberQr('4601234567893', patterns)).toMatchObject({ error: { reason: 'not-a-member-qr' } });
  });

  it('accepts one step of clock skew either way and no more', () => {
    expect(checkStep(step, at)).toBeNull();
    expect(checkStep(step - 1, at)).toBeNull();
    expect(checkStep(step + 1, at)).toBeNull();
    expect(checkStep(step - 2, at)).toEqual({ kind: 'expired', step: step - 2, currentStep: step });
    expect(checkStep(step + 2, at)).toEqual({ kind: 'not-yet-valid', step: step + 2, currentStep: step });
  });

  it('signs with the last key not retired and verifies with any key not retired', () => {
    const keys = [
      { id: 'old', secret: 's', retired: true },
      { id: 'cur', secret: 's', retired: false },
      { id: 'next', secret: 's', retired: false },
    ];
    expect(signingKey(keys)?.id).toBe('next');
    expect(verifyingKey(keys, 'cur')).toMatchObject({ ok: true });
    expect(verifyingKey(keys, 'old')).toEqual({
      ok: false,
      error: { kind: 'unknown-key', keyId: 'old', retired: true },
    });
    expect(verifyingKey(keys, 'nope')).toMatchObject({ error: { kind: 'unknown-key', retired: false } });
    expect(signingKey([{ id: 'old', secret: 's', retired: true }])).toBeNull();
  });

  it('never throws on any scanned text, and reads back every token it formats', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const parsed = parseMemberQr(text, patterns);
        expect(typeof parsed.ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/),
        fc.stringMatching(/^[A-Za-z0-9]{1,16}$/),
        fc.integer({ min: 0, max: 999_999_999_999 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
        (customerId, keyId, anyStep, anyMac) => {
          const token = { customerId, keyId, step: anyStep, mac: anyMac };
          expect(parseMemberQr(formatMemberQr(token), patterns)).toEqual({ ok: true, value: token });
        },
      ),
    );
  });
});
