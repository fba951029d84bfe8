import { describe, expect, it } from 'vitest';
import { emptyPrefill, enrolPrefill, guessQueryKind } from './enrolPrefill';

describe('enrolling from what was searched', () => {
  it('puts a phone-looking query in the phone field', () => {
    expect(enrolPrefill('+7 916 123-45-67', null)).toEqual({ ...emptyPrefill, phone: '+7 916 123-45-67' });
    expect(enrolPrefill('8 (916) 1234567', null).phone).toBe('8 (916) 1234567');
  });

  it('puts a query with @ in the e-mail field', () => {
    expect(enrolPrefill(' anna@mail.ru ', null)).toEqual({ ...emptyPrefill, email: 'anna@mail.ru' });
  });

  it('takes anything else with letters as a name, in any script', () => {
    expect(enrolPrefill('Анна Петрова', null)).toEqual({ ...emptyPrefill, name: 'Анна Петрова' });
    expect(enrolPrefill('王芳', null).name).toBe('王芳');
  });

  it('fills nothing from the last 4 digits or a number too short to be a phone', () => {
    expect(enrolPrefill('4567', null)).toEqual(emptyPrefill);
    expect(enrolPrefill('12-34-5', null)).toEqual(emptyPrefill);
    expect(guessQueryKind('4567')).toBe('last4');
  });

  it('follows how the till read the query when it says so', () => {
    expect(enrolPrefill('2700 0000 1234 5', 'card')).toEqual({ ...emptyPrefill, cardNo: '2700000012345' });
    expect(enrolPrefill('0001-01-000042', 'receipt')).toEqual(emptyPrefill);
    expect(enrolPrefill('OMNI:M:42:demo-1-abc', 'member-qr')).toEqual(emptyPrefill);
    expect(enrolPrefill('Li Wei', 'name').name).toBe('Li Wei');
  });
});
