import { describe, expect, it } from 'vitest';
import { gs1DateToIso, gs1Year, isValidGs1Date, isValidGs1DateTime } from './gs1-date';

const today = new Date('2025-06-15T10:00:00Z');

describe('GS1 dates', () => {
  it('accepts real days and a day of 00, refuses impossible ones', () => {
    for (const date of ['251231', '250228', '240229', '250600'])
      expect(isValidGs1Date(date), date).toBe(true);
    for (const date of ['251301', '250001', '250230', '250229', '250631', '2512', 'AB1231']) {
      expect(isValidGs1Date(date), date).toBe(false);
    }
  });

  it('checks hours and minutes of an expiry time (AI 7003)', () => {
    expect(isValidGs1DateTime('2512312359')).toBe(true);
    expect(isValidGs1DateTime('2512312400')).toBe(false);
    expect(isValidGs1DateTime('2512311260')).toBe(false);
  });

  it('picks the century within 49 years ahead and 50 behind (GS1 General Specifications §7.12)', () => {
    expect(gs1Year(25, today)).toBe(2025);
    expect(gs1Year(74, today)).toBe(2074);
    expect(gs1Year(76, today)).toBe(1976);
    expect(gs1Year(99, new Date('2080-01-01T00:00:00Z'))).toBe(2099);
    expect(gs1Year(10, new Date('2080-01-01T00:00:00Z'))).toBe(2110);
  });

  it('turns an expiry with day 00 into the last day of that month', () => {
    expect(gs1DateToIso('240200', today)).toBe('2024-02-29');
    expect(gs1DateToIso('251100', today)).toBe('2025-11-30');
    expect(gs1DateToIso('251231', today)).toBe('2025-12-31');
  });
});
