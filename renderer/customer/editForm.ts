// The profile edit form: filled from the profile as main sent it (masked for some roles), and sent as
// the fields the associate changed — nothing else, so an edit never writes back what it did not touch.
// A contact the user's role may not read starts empty: typing replaces it, empty keeps it.
import type { ErrorCode, Locale } from '../../contract/common';
import type { CustomerProfile, CustomerUpdateInput, MarketingChannel } from '../../contract/customers';
import { birthdayInputText, parseBirthday } from './birthday';
import type { CustomerField } from './customerFields';
import { marketingChannels } from './customerFields';
import type { PreferenceRow } from './preferences';
import { invalidPreferences, preferencesInput } from './preferences';

export interface EditForm {
  name: string;
  phone: string;
  email: string;
  birthday: string;
  marketing: Record<MarketingChannel, boolean>;
  preferences: PreferenceRow[];
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form as the profile is now; masked contacts are left for the associate to replace. */
export function editFormOf(profile: CustomerProfile, locale: Locale): EditForm {
  const visible = profile.personalVisible;
  return {
    name: profile.name,
    phone: visible ? (profile.phone ?? '') : '',
    email: visible ? (profile.email ?? '') : '',
    birthday:
      visible && profile.birthday !== null && FULL_DATE.test(profile.birthday)
        ? birthdayInputText(profile.birthday, locale)
        : '',
    marketing: { ...profile.marketing },
    preferences: profile.attributes.map(({ key, value }) => ({ key, value })),
  };
}

export type EditInputOutcome =
  | { ok: true; input: Omit<CustomerUpdateInput, 'customerId'> | null }
  | { ok: false; code: ErrorCode; fields: CustomerField[] };

/**
 * What changed, as the contract's update (null: nothing did). The screen reads only what it alone can
 * (a birthday in the screen's date order, preference keys); main judges the rest.
 */
export function editInput(
  profile: CustomerProfile,
  form: EditForm,
  locale: Locale,
  today: Date,
): EditInputOutcome {
  const input: Omit<CustomerUpdateInput, 'customerId'> = {};
  const visible = profile.personalVisible;
  const name = form.name.trim();
  if (name !== profile.name) input.name = name;

  const contact = (text: string, before: string | null): string | null | undefined => {
    const typed = text.trim();
    if (!visible) return typed === '' ? undefined : typed;
    if (typed === (before ?? '')) return undefined;
    return typed === '' ? null : typed;
  };
  const phone = contact(form.phone, profile.phone);
  if (phone !== undefined) input.phone = phone;
  const email = contact(form.email, profile.email);
  if (email !== undefined) input.email = email;

  const birthdayText = form.birthday.trim();
  if (birthdayText !== '') {
    const birthday = parseBirthday(birthdayText, locale, today);
    if (birthday === null) return { ok: false, code: 'BAD_BIRTHDAY', fields: ['birthday'] };
    if (birthday !== profile.birthday) input.birthday = birthday;
  } else if (visible && profile.birthday !== null) {
    input.birthday = null;
  }

  const marketing = Object.fromEntries(
    marketingChannels
      .filter((channel) => form.marketing[channel] !== profile.marketing[channel])
      .map((channel) => [channel, form.marketing[channel]]),
  );
  if (Object.keys(marketing).length > 0) input.consent = { marketing };

  if (invalidPreferences(form.preferences).length > 0) {
    return { ok: false, code: 'BAD_ATTRIBUTE', fields: ['preferences'] };
  }
  const wanted = preferencesInput(form.preferences) ?? {};
  const before = new Map(profile.attributes.map(({ key, value }) => [key, value]));
  const set = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => before.get(key) !== value));
  const remove = [...before.keys()].filter((key) => !Object.hasOwn(wanted, key));
  if (Object.keys(set).length > 0 || remove.length > 0) {
    input.preferences = {
      ...(Object.keys(set).length > 0 && { set }),
      ...(remove.length > 0 && { remove }),
    };
  }
  return { ok: true, input: Object.keys(input).length > 0 ? input : null };
}
