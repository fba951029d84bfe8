import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from './pin';

describe('PIN hashing', () => {
  it('verifies the right PIN and refuses a wrong one', () => {
    const stored = hashPin('1111');
    expect(verifyPin('1111', stored)).toBe(true);
    expect(verifyPin('1112', stored)).toBe(false);
  });

  it('never stores the PIN itself and salts every hash', () => {
    const a = hashPin('1111');
    const b = hashPin('1111');
    expect(a).not.toContain('1111');
    expect(a).not.toBe(b);
  });

  it('refuses a malformed stored hash instead of throwing', () => {
    expect(verifyPin('1111', 'plain:1111')).toBe(false);
  });
});
