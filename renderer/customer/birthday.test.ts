import { describe, expect, it } from 'vitest';
import { dateOrder, formatBirthday, parseBirthday } from './birthday';

const today = new Date('2025-11-23T10:00:00Z');

describe('a birthday typed at the till', () => {
  it('is read in the order of the screen’s language', () => {
    expect(dateOrder('ru')).toEqual(['day', 'month', 'year']);
    expect(dateOrder('en')).toEqual(['month', 'day', 'year']);
    expect(dateOrder('zh-CN')).toEqual(['year', 'month', 'day']);
    expect(parseBirthday('31.12.1990', 'ru', today)).toBe('1990-12-31');
    expect(parseBirthday('12/31/1990', 'en', today)).toBe('1990-12-31');
    expect(parseBirthday('1990/12/31', 'zh-CN', today)).toBe('1990-12-31');
    expect(parseBirthday('1990年12月31日', 'zh-CN', today)).toBe('1990-12-31');
  });

  it('takes an ISO date in any language and single-digit days and months', () => {
    expect(parseBirthday('1990-12-31', 'en', today)).toBe('1990-12-31');
    expect(parseBirthday('5.3.1985', 'ru', today)).toBe('1985-03-05');
  });

  it('refuses days that do not exist, two-digit years and dates to come', () => {
    expect(parseBirthday('31.02.1990', 'ru', today)).toBeNull();
    expect(parseBirthday('31.12.90', 'ru', today)).toBeNull();
    expect(parseBirthday('01.01.2030', 'ru', today)).toBeNull();
    expect(parseBirthday('01.01.1890', 'ru', today)).toBeNull();
    expect(parseBirthday('yesterday', 'en', today)).toBeNull();
  });
});

describe('a birthday on the profile', () => {
  it('shows the day and month only when main masked the year', () => {
    expect(formatBirthday('--12-31', 'en')).toBe('December 31');
    expect(formatBirthday('--02-29', 'ru')).toBe('29 февраля');
    expect(formatBirthday('1990-12-31', 'en')).toBe('December 31, 1990');
  });

  it('shows what main sent when it is not a date', () => {
    expect(formatBirthday('••••', 'en')).toBe('••••');
  });
});
