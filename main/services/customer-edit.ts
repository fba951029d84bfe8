// updateCustomer: an associate changes a profile's own fields — name, contacts, birthday, preferences,
// consents to offers. Each changed field is stamped with the till's hybrid logical clock and written
// with its stamp and one `customer.updated` outbox row in one transaction (synchronous=FULL, like a
// sale), so HQ and every other till merge it per field (contract/field-merge.ts). Input that cannot be
// stored is refused before anything is written.
import { fail, ok } from '../../contract/common';
import type { Result } from '../../contract/common';
import type { TillConfig } from '../../contract/config';
import type { CustomerUpdateInput } from '../../contract/customers';
import type { CustomerFieldKey } from '../../contract/hlc';
import type { ConsentValue, CustomerFieldEdit, CustomerUpdated } from '../../contract/sync';
import {
  customerName,
  isAttribute,
  isAttributeKey,
  isBirthday,
  MAX_ATTRIBUTES,
} from '../domain/customer-fields';
import { nameSearchText, normaliseEmail, normalisePhone, storeCountry } from '../domain/customer-identity';
import type { Customers, CustomerProfile, MarketingChannel } from '../store/customers';
import { marketingChannels } from '../store/customers';
import type { Db } from '../store/db';
import { storageError } from '../store/errors';
import type { HlcClock } from '../store/hlc';
import type { Outbox } from '../store/outbox';

export type ProfileEdit = Omit<CustomerUpdateInput, 'customerId'>;

export interface CustomerEditDeps {
  db: Db;
  config: TillConfig;
  customers: Customers;
  clock: HlcClock;
  outbox: Outbox;
  now: () => Date;
}

type Change = Omit<CustomerFieldEdit, 'hlc'>;

const blank = (text: string | null | undefined): boolean => text === null || text?.trim() === '';

export function createCustomerEditor({ db, config, customers, clock, outbox, now }: CustomerEditDeps) {
  const country = storeCountry(config.store);

  /** The consent to offers in force per channel: the latest recorded. */
  function marketingOf(customerId: number): Record<MarketingChannel, boolean> {
    const consents = customers.consents(customerId);
    return Object.fromEntries(
      marketingChannels.map((channel) => [
        channel,
        consents.findLast((c) => c.purpose === 'marketing' && c.channel === channel)?.granted ?? false,
      ]),
    ) as Record<MarketingChannel, boolean>;
  }

  /** The profile's new contact fields, or why they cannot be stored. */
  function contactAfter(customer: CustomerProfile, edit: ProfileEdit) {
    let name = customer.name;
    if (edit.name !== undefined) {
      const named = customerName(edit.name);
      if (named === null) return fail('BAD_NAME', 'A name needs at least two letters');
      name = named;
    }
    let phoneE164 = customer.phone;
    if (edit.phone !== undefined) {
      phoneE164 = blank(edit.phone) ? null : normalisePhone(edit.phone ?? '', country);
      if (!blank(edit.phone) && phoneE164 === null) return fail('BAD_PHONE', 'Not a valid phone number');
    }
    let email = customer.email;
    if (edit.email !== undefined) {
      const text = edit.email?.trim() ?? '';
      if (text !== '' && normaliseEmail(text) === null)
        return fail('BAD_EMAIL', 'Not a valid e-mail address');
      // An address differing only in case or a provider's spelling rules is the same mailbox.
      const same = email !== null && text !== '' && normaliseEmail(email) === normaliseEmail(text);
      email = text === '' ? null : same ? email : text;
    }
    let birthday = customer.birthday;
    if (edit.birthday !== undefined) {
      birthday = blank(edit.birthday) ? null : (edit.birthday?.trim() ?? null);
      if (birthday !== null && !isBirthday(birthday, now()))
        return fail('BAD_BIRTHDAY', 'A birthday is YYYY-MM-DD');
    }
    // Checked when the contacts change: a profile HQ holds without any (an import) can still be renamed.
    const touched = edit.phone !== undefined || edit.email !== undefined;
    if (touched && phoneE164 === null && email === null)
      return fail('CONTACT_REQUIRED', 'A phone or an e-mail is required');
    return ok({ name, phoneE164, email, emailNorm: email === null ? null : normaliseEmail(email), birthday });
  }

  /** Another living customer with this phone or e-mail: a second profile of the person, not an edit. */
  function contactTaken(customerId: number, phone: string | null, email: string | null): Result<null> {
    const taken = (found: readonly { id: number; name: string }[], matchedBy: 'phone' | 'email') => {
      const other = found.find((row) => row.id !== customerId);
      return other
        ? fail('CONTACT_TAKEN', `This ${matchedBy} belongs to customer ${other.id}`, {
            customerId: other.id,
            name: other.name,
            matchedBy,
          })
        : null;
    };
    const byPhone = phone === null ? null : taken(customers.customersByPhone(phone, 2), 'phone');
    if (byPhone) return byPhone;
    const byEmail = email === null ? null : taken(customers.customersByEmail(email, 2), 'email');
    return byEmail ?? ok(null);
  }

  /** What changes, field by field (fields set to what they already hold are left out), and the contact after it. */
  function changes(customerId: number, customer: CustomerProfile, edit: ProfileEdit) {
    if (edit.consent?.processing === false) {
      return fail(
        'ERASURE_REQUIRED',
        'Withdrawing consent to processing is a request to erase the profile, which HQ carries out',
      );
    }
    const contact = contactAfter(customer, edit);
    if (!contact.ok) return contact;
    const after = contact.value;
    const taken = contactTaken(
      customerId,
      after.phoneE164 !== customer.phone ? after.phoneE164 : null,
      after.emailNorm !== (customer.email === null ? null : normaliseEmail(customer.email))
        ? after.emailNorm
        : null,
    );
    if (!taken.ok) return taken;

    const set = Object.entries(edit.preferences?.set ?? {}).map(
      ([key, value]) => [key, value.trim()] as const,
    );
    const removed = edit.preferences?.remove ?? [];
    if (
      set.length + removed.length > MAX_ATTRIBUTES ||
      set.some(([key, value]) => value === '' || !isAttribute(key, value)) ||
      removed.some((key) => !isAttributeKey(key))
    ) {
      return fail('BAD_ATTRIBUTE', 'Preference keys are short lower-case words, values 1 to 200 characters');
    }

    const list: Change[] = [];
    const field = (key: CustomerFieldKey, before: string | null, value: string | null) => {
      if (before !== value) list.push({ field: key, value });
    };
    field('name', customer.name, after.name);
    field('phoneE164', customer.phone, after.phoneE164);
    field('email', customer.email, after.email);
    field('birthday', customer.birthday, after.birthday);

    const marketing = marketingOf(customerId);
    const granted = Object.fromEntries(
      marketingChannels.map((channel) => [channel, edit.consent?.marketing?.[channel] ?? marketing[channel]]),
    ) as Record<MarketingChannel, boolean>;
    for (const channel of marketingChannels) {
      if (granted[channel] === marketing[channel]) continue;
      const value: ConsentValue = granted[channel] ? 'granted' : 'withdrawn';
      list.push({ field: `consent:marketing:${channel}`, value });
    }

    // Preferences are marketing data: kept only while the customer agrees to offers on some channel.
    const attributes = customers.attributes(customerId);
    const anyMarketing = marketingChannels.some((channel) => granted[channel]);
    if (set.length > 0 && !anyMarketing) {
      return fail('MARKETING_CONSENT_REQUIRED', 'Preferences are kept only with consent to offers');
    }
    const next = new Map<string, string | null>(Object.entries(attributes));
    for (const key of removed) next.set(key, null);
    for (const [key, value] of set) next.set(key, value);
    if (!anyMarketing) for (const key of next.keys()) next.set(key, null);
    for (const [key, value] of next) field(`attr:${key}`, attributes[key] ?? null, value);
    return ok({ list, contact: after });
  }

  /** Applies the edit and answers the id of the profile it landed on (a merged id leads to its survivor). */
  function updateCustomer(
    customerId: number,
    edit: ProfileEdit,
    context: { cashierId: number | null },
  ): Result<number> {
    const target = customers.editTarget(customerId);
    if (target.state !== 'present') {
      return target.state === 'erased'
        ? fail('CUSTOMER_ERASED', `Customer ${customerId} was erased at their request`, { customerId })
        : fail('CUSTOMER_NOT_FOUND', `No customer ${customerId}`, { customerId });
    }
    const { customer } = target;
    const id = customer.id;
    const planned = changes(id, customer, edit);
    if (!planned.ok) return planned;
    const { list, contact } = planned.value;
    if (list.length === 0) return ok(id);
    try {
      db.transaction(() => {
        const when = now();
        const at = when.toISOString();
        const hlc = clock.tick(when.getTime());
        const fields: CustomerFieldEdit[] = list.map((change) => ({ ...change, hlc }));
        const names = new Set(fields.map((entry) => entry.field));
        if (['name', 'phoneE164', 'email', 'birthday'].some((key) => names.has(key))) {
          customers.writeContact(id, contact, names.has('name') ? nameSearchText(contact.name) : null);
        }
        for (const { field, value } of fields) {
          if (field.startsWith('attr:')) {
            const key = field.slice('attr:'.length);
            if (value === null) customers.removeAttribute(id, key);
            else customers.setAttribute(id, key, value, at);
          } else if (field.startsWith('consent:marketing:')) {
            customers.recordConsent(id, {
              purpose: 'marketing',
              channel: field.slice('consent:marketing:'.length) as MarketingChannel,
              granted: value === 'granted',
              recordedAt: at,
              storeCode: config.store.code,
              terminalCode: config.terminal.code,
              cashierId: context.cashierId,
            });
          }
          customers.setFieldClock(id, field, hlc);
        }
        const payload: CustomerUpdated = {
          customerId: id,
          fields,
          storeCode: config.store.code,
          terminalCode: config.terminal.code,
          cashierId: context.cashierId,
          at,
        };
        outbox.append('customer.updated', payload, at);
      }).immediate();
    } catch (error) {
      const stored = storageError(error);
      if (!stored) throw error;
      return stored;
    }
    return ok(id);
  }

  return { updateCustomer };
}
export type CustomerEditor = ReturnType<typeof createCustomerEditor>;
