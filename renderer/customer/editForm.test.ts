import { describe, expect, it } from 'vitest';
import { olgaProfile } from '../state/fakeApi.test-support';
import { editFormOf, editInput } from './editForm';

const today = new Date('2025-11-23T10:00:00Z');
const masked = olgaProfile({ attributes: [{ key: 'shoe_size', value: '38' }] });
const visible = olgaProfile({
  personalVisible: true,
  phone: '+79031117777',
  email: 'olga@mail.ru',
  birthday: '1990-03-08',
  attributes: [{ key: 'shoe_size', value: '38' }],
});

describe('the profile edit form', () => {
  it('shows a manager the contacts in full, in the screen’s date order', () => {
    expect(editFormOf(visible, 'ru')).toMatchObject({
      phone: '+79031117777',
      email: 'olga@mail.ru',
      birthday: '08.03.1990',
      preferences: [{ key: 'shoe_size', value: '38' }],
    });
    expect(editFormOf(visible, 'en').birthday).toBe('03/08/1990');
  });

  it('does not put masked contacts in the fields a cashier could send back', () => {
    expect(editFormOf(masked, 'ru')).toMatchObject({ phone: '', email: '', birthday: '' });
  });

  it('sends nothing when nothing was changed, masked or not', () => {
    expect(editInput(masked, editFormOf(masked, 'ru'), 'ru', today)).toEqual({ ok: true, input: null });
    expect(editInput(visible, editFormOf(visible, 'ru'), 'ru', today)).toEqual({ ok: true, input: null });
  });

  it('sends only the fields changed: a new phone, a consent, a preference set and one removed', () => {
    const form = editFormOf(visible, 'ru');
    const outcome = editInput(
      visible,
      {
        ...form,
        phone: '8 903 555-01-01',
        marketing: { ...form.marketing, sms: false, push: true },
        preferences: [{ key: 'Coffee', value: ' без сахара ' }],
      },
      'ru',
      today,
    );
    expect(outcome).toEqual({
      ok: true,
      input: {
        phone: '8 903 555-01-01',
        consent: { marketing: { sms: false, push: true } },
        preferences: { set: { coffee: 'без сахара' }, remove: ['shoe_size'] },
      },
    });
  });

  it('clears a contact a manager emptied, but keeps one a cashier left empty', () => {
    const cleared = editInput(
      visible,
      { ...editFormOf(visible, 'ru'), email: ' ', birthday: '' },
      'ru',
      today,
    );
    expect(cleared).toEqual({ ok: true, input: { email: null, birthday: null } });
    const replaced = editInput(
      masked,
      { ...editFormOf(masked, 'ru'), email: 'olga.new@mail.ru' },
      'ru',
      today,
    );
    expect(replaced).toEqual({ ok: true, input: { email: 'olga.new@mail.ru' } });
  });

  it('stops at a birthday it cannot read, naming the field', () => {
    const outcome = editInput(masked, { ...editFormOf(masked, 'ru'), birthday: '31.02.1990' }, 'ru', today);
    expect(outcome).toEqual({ ok: false, code: 'BAD_BIRTHDAY', fields: ['birthday'] });
  });
});
