// The enrolment form as the contract's EnrolInput.
import type { ErrorCode, Locale } from '../../contract/common';
import type { EnrolInput, MarketingChannel } from '../../contract/customers';
import { parseBirthday } from './birthday';
import type { CustomerField } from './customerFields';
import type { PreferenceRow } from './preferences';
import { invalidPreferences, preferencesInput } from './preferences';

export interface EnrolForm {
  name: string;
  phone: string;
  email: string;
  birthday: string;
  cardNo: string;
  processing: boolean;
  marketing: Record<MarketingChannel, boolean>;
  preferences: PreferenceRow[];
}

const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

export type EnrolInputOutcome =
  { ok: true; input: EnrolInput } | { ok: false; code: ErrorCode; fields: CustomerField[] };

/**
 * What is sent to main. The screen checks only what it alone can read (a birthday in the screen's
 * date order, preference keys); contacts, consent and duplicates are main's to judge.
 */
export function enrolInput(form: EnrolForm, locale: Locale, today: Date): EnrolInputOutcome {
  const birthdayText = optional(form.birthday);
  const birthday = birthdayText === undefined ? undefined : parseBirthday(birthdayText, locale, today);
  if (birthday === null) return { ok: false, code: 'BAD_BIRTHDAY', fields: ['birthday'] };
  if (invalidPreferences(form.preferences).length > 0)
    return { ok: false, code: 'BAD_ATTRIBUTE', fields: ['preferences'] };
  const cardNo = optional(form.cardNo.replace(/[\s-]/g, ''));
  const attributes = preferencesInput(form.preferences);
  const input: EnrolInput = {
    name: form.name.trim(),
    consent: { processing: form.processing, marketing: { ...form.marketing } },
  };
  const phone = optional(form.phone);
  const email = optional(form.email);
  if (phone !== undefined) input.phone = phone;
  if (email !== undefined) input.email = email;
  if (birthday !== undefined) input.birthday = birthday;
  if (cardNo !== undefined) input.cardNo = cardNo;
  if (attributes !== undefined) input.attributes = attributes;
  return { ok: true, input };
}
