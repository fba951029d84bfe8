import { describe, expect, it } from 'vitest';
import { fieldsForError } from './customerFields';

describe('fieldsForError', () => {
  it('points each of main’s refusals at the field at fault', () => {
    expect(fieldsForError({ code: 'CONTACT_REQUIRED' })).toEqual(['phone', 'email']);
    expect(fieldsForError({ code: 'CARD_TAKEN' })).toEqual(['cardNo']);
    expect(fieldsForError({ code: 'CONSENT_REQUIRED' })).toEqual(['processing']);
    expect(fieldsForError({ code: 'CONTACT_TAKEN', params: { matchedBy: 'email' } })).toEqual(['email']);
    expect(fieldsForError({ code: 'CONTACT_TAKEN', params: { matchedBy: 'phone' } })).toEqual(['phone']);
    expect(fieldsForError({ code: 'MARKETING_CONSENT_REQUIRED' })).toEqual(['preferences']);
  });

  it('points errors that are not the form’s at no field', () => {
    expect(fieldsForError({ code: 'STORE_BUSY' })).toEqual([]);
    expect(fieldsForError({ code: 'CUSTOMER_ERASED' })).toEqual([]);
  });
});
