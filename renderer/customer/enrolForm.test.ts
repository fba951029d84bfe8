import { describe, expect, it } from 'vitest';
import type { EnrolForm } from './enrolForm';
import { enrolInput } from './enrolForm';

const today = new Date('2025-11-23T10:00:00Z');
const form = (patch: Partial<EnrolForm> = {}): EnrolForm => ({
  name: ' Ольга Смирнова ',
  phone: '+7 916 123-45-67',
  email: '',
  birthday: '',
  cardNo: '',
  processing: true,
  marketing: { sms: true, email: false, push: false, call: false },
  preferences: [],
  ...patch,
});

describe('the enrolment form', () => {
  it('sends the contacts given and every marketing channel, ticked or not', () => {
    expect(enrolInput(form(), 'ru', today)).toEqual({
      ok: true,
      input: {
        name: 'Ольга Смирнова',
        phone: '+7 916 123-45-67',
        consent: { processing: true, marketing: { sms: true, email: false, push: false, call: false } },
      },
    });
  });

  it('sends a birthday typed the Russian way as an ISO date, and a card without spaces', () => {
    const outcome = enrolInput(form({ birthday: '08.03.1990', cardNo: '2700 0000 0042 0' }), 'ru', today);
    expect(outcome.ok && outcome.input).toMatchObject({ birthday: '1990-03-08', cardNo: '2700000000420' });
  });

  it('leaves consent to main: an unticked box is sent as it is', () => {
    const outcome = enrolInput(form({ processing: false }), 'en', today);
    expect(outcome.ok && outcome.input.consent.processing).toBe(false);
  });

  it('stops at a birthday or a preference it cannot read, naming the field', () => {
    expect(enrolInput(form({ birthday: '31.02.1990' }), 'ru', today)).toEqual({
      ok: false,
      code: 'BAD_BIRTHDAY',
      fields: ['birthday'],
    });
    expect(enrolInput(form({ preferences: [{ key: 'размер', value: '38' }] }), 'ru', today)).toMatchObject({
      ok: false,
      code: 'BAD_ATTRIBUTE',
    });
  });

  it('sends preferences as attributes', () => {
    const outcome = enrolInput(form({ preferences: [{ key: 'Shoe size', value: '38' }] }), 'en', today);
    expect(outcome.ok && outcome.input.attributes).toEqual({ shoe_size: '38' });
  });
});
