// identifyCustomer and enrolCustomer: one entry for whatever the cashier typed or scanned, and a
// two-field enrolment with a duplicate check and consent captured with time, till and cashier.
// Errors are values with a code (STYLE.md habit 4); the IPC layer maps them to contract errors.
import type { TillConfig } from '../../contract/config';
import {
  maskPhone,
  nameMatchQuery,
  nameSearchText,
  normaliseEmail,
  normalisePhone,
  storeCountry,
} from '../domain/customer-identity';
import { customerName, isAttribute, isBirthday, MAX_ATTRIBUTES } from '../domain/customer-fields';
import { isReceiptNo } from '../domain/receipt';
import { matchCardRange } from '../../native-drivers/scanner/card-ranges';
import type { CustomerEnrolled } from '../../contract/sync';
import type { Db } from '../store/db';
import type { Outbox } from '../store/outbox';
import { createCustomers, marketingChannels } from '../store/customers';
import type { CustomerProfile, MarketingChannel } from '../store/customers';

export type CustomerErrorCode =
  | 'EMPTY_QUERY'
  | 'QUERY_TOO_LONG'
  | 'BAD_PHONE'
  | 'BAD_EMAIL'
  | 'BAD_CARD'
  | 'BAD_NAME'
  | 'BAD_BIRTHDAY'
  | 'BAD_ATTRIBUTE'
  | 'CONTACT_REQUIRED'
  | 'CONSENT_REQUIRED'
  | 'CARD_TAKEN';

export interface CustomerError {
  code: CustomerErrorCode;
  message: string;
}

export type CustomerResult<T> = { ok: true; value: T } | { ok: false; error: CustomerError };

const ok = <T>(value: T): CustomerResult<T> => ({ ok: true, value });
const refuse = (code: CustomerErrorCode, message: string): { ok: false; error: CustomerError } => ({
  ok: false,
  error: { code, message },
});

export interface CustomerCandidate {
  id: number;
  name: string;
  /** `+7 *** ***-12-34`: the pick list is shown to the customer across the counter. */
  phoneMasked: string | null;
}

export type IdentifyBy = 'card' | 'phone' | 'last4' | 'email' | 'receipt' | 'name';

export type Identification =
  | { kind: 'one'; by: IdentifyBy; customer: CustomerProfile }
  | { kind: 'many'; by: IdentifyBy; candidates: CustomerCandidate[]; more: boolean }
  | { kind: 'none'; by: IdentifyBy };

export interface EnrolInput {
  name: string;
  phone?: string | null;
  email?: string | null;
  /** YYYY-MM-DD. */
  birthday?: string | null;
  /** A card from the store's stack, scanned or typed, handed to the customer. */
  cardNo?: string | null;
  consent: {
    /** Consent to the processing of personal data: without it nothing is stored. */
    processing: boolean;
    marketing?: Partial<Record<MarketingChannel, boolean>>;
  };
  /** Preferences (shoe size, pet breed…): stored only with marketing consent on some channel. */
  attributes?: Record<string, string>;
}

export type Enrolment =
  | { kind: 'created'; customer: CustomerProfile }
  | { kind: 'existing'; matchedBy: 'phone' | 'email'; customer: CustomerProfile };

export const MAX_CANDIDATES = 20;
const MAX_QUERY = 200;
const DIGITS_ONLY = /^\d+$/;
const PHONE_LIKE = /^[+\d\s().-]+$/;

export interface CustomerServiceDeps {
  db: Db;
  config: TillConfig;
  now: () => Date;
  /** HQ learns of every enrolment from the outbox row written with it; none in unit tests. */
  outbox?: Outbox;
}

export function createCustomerService({ db, config, now, outbox }: CustomerServiceDeps) {
  const customers = createCustomers(db);
  const country = storeCountry(config.store);

  const candidates = (rows: ReturnType<typeof customers.customersByName>, by: IdentifyBy): Identification => {
    if (rows.length === 0) return { kind: 'none', by };
    const [first] = rows;
    if (rows.length === 1 && first) return { kind: 'one', by, customer: customers.profile(first) };
    return {
      kind: 'many',
      by,
      candidates: rows
        .slice(0, MAX_CANDIDATES)
        .map((row) => ({ id: row.id, name: row.name, phoneMasked: maskPhone(row.phone) })),
      more: rows.length > MAX_CANDIDATES,
    };
  };
  const single = (customer: CustomerProfile | null, by: IdentifyBy): Identification =>
    customer ? { kind: 'one', by, customer } : { kind: 'none', by };

  function identify(query: string): CustomerResult<Identification> {
    const text = query.normalize('NFC').trim();
    if (text.length === 0) return refuse('EMPTY_QUERY', 'Nothing to look up');
    if (text.length > MAX_QUERY)
      return refuse('QUERY_TOO_LONG', `A query has at most ${MAX_QUERY} characters`);

    const compact = text.replace(/[\s-]/g, '');
    if (DIGITS_ONLY.test(compact)) {
      const card = matchCardRange(compact, config.scanner.loyaltyCards);
      if (card && !card.ok) return refuse('BAD_CARD', 'The card number has a wrong check digit');
      if (card?.ok) return ok(single(customers.customerByCard(compact), 'card'));
      if (compact.length === 4)
        return ok(candidates(customers.customersByLast4(compact, MAX_CANDIDATES), 'last4'));
    }
    if (isReceiptNo(text)) return ok(single(customers.customerByReceipt(text), 'receipt'));
    if (PHONE_LIKE.test(text)) {
      const phone = normalisePhone(text, country);
      if (phone === null) return refuse('BAD_PHONE', 'Not a valid phone number');
      return ok(candidates(customers.customersByPhone(phone, MAX_CANDIDATES), 'phone'));
    }
    if (text.includes('@')) {
      const email = normaliseEmail(text);
      if (email === null) return refuse('BAD_EMAIL', 'Not a valid e-mail address');
      return ok(candidates(customers.customersByEmail(email, MAX_CANDIDATES), 'email'));
    }
    const match = nameMatchQuery(text);
    if (match === null) return refuse('BAD_NAME', 'Type at least two letters of a name');
    return ok(candidates(customers.customersByName(match, MAX_CANDIDATES), 'name'));
  }

  function enrol(input: EnrolInput, context: { cashierId: number | null }): CustomerResult<Enrolment> {
    const name = customerName(input.name);
    if (name === null) return refuse('BAD_NAME', 'A name needs at least two letters');
    const phoneText = input.phone?.trim() ?? '';
    const emailText = input.email?.trim() ?? '';
    if (phoneText === '' && emailText === '')
      return refuse('CONTACT_REQUIRED', 'A phone or an e-mail is required');
    const phone = phoneText === '' ? null : normalisePhone(phoneText, country);
    if (phoneText !== '' && phone === null) return refuse('BAD_PHONE', 'Not a valid phone number');
    const email = emailText === '' ? null : normaliseEmail(emailText);
    if (emailText !== '' && email === null) return refuse('BAD_EMAIL', 'Not a valid e-mail address');
    const birthday = input.birthday?.trim() || null;
    if (birthday !== null && !isBirthday(birthday, now()))
      return refuse('BAD_BIRTHDAY', 'A birthday is YYYY-MM-DD');
    const cardNo = input.cardNo?.replace(/[\s-]/g, '') || null;
    if (cardNo !== null && matchCardRange(cardNo, config.scanner.loyaltyCards)?.ok !== true) {
      return refuse('BAD_CARD', 'Not one of the store’s loyalty card numbers');
    }
    const attributes = Object.entries(input.attributes ?? {});
    if (attributes.length > MAX_ATTRIBUTES || attributes.some(([key, value]) => !isAttribute(key, value))) {
      return refuse(
        'BAD_ATTRIBUTE',
        'Attribute keys are short lower-case words, values at most 200 characters',
      );
    }

    // The same person enrolling twice gets their profile back, not a second one.
    const samePhone = phone === null ? undefined : customers.customersByPhone(phone, 1)[0];
    if (samePhone)
      return ok({ kind: 'existing', matchedBy: 'phone', customer: customers.profile(samePhone) });
    const sameEmail = email === null ? undefined : customers.customersByEmail(email, 1)[0];
    if (sameEmail)
      return ok({ kind: 'existing', matchedBy: 'email', customer: customers.profile(sameEmail) });

    if (input.consent.processing !== true) {
      return refuse('CONSENT_REQUIRED', 'The customer must consent to the processing of personal data');
    }
    if (cardNo !== null && customers.cardOwner(cardNo) !== null) {
      return refuse('CARD_TAKEN', 'This card already belongs to a customer');
    }

    const at = now().toISOString();
    const where = {
      recordedAt: at,
      storeCode: config.store.code,
      terminalCode: config.terminal.code,
      cashierId: context.cashierId,
    };
    const marketing = marketingChannels.map((channel) => ({
      channel,
      granted: input.consent.marketing?.[channel] === true,
    }));
    const anyMarketing = marketing.some((consent) => consent.granted);
    const id = db.transaction(() => {
      const created = customers.insertCustomer(
        {
          name,
          phoneE164: phone,
          email: email === null ? null : emailText,
          emailNorm: email,
          birthday,
          cardNo,
          createdAt: at,
        },
        nameSearchText(name),
      );
      customers.recordConsent(created, { purpose: 'processing', channel: null, granted: true, ...where });
      for (const consent of marketing) {
        customers.recordConsent(created, { purpose: 'marketing', ...consent, ...where });
      }
      // Without marketing consent, preferences are marketing data we have no reason to keep.
      if (anyMarketing)
        for (const [key, value] of attributes) customers.setAttribute(created, key, value, at);
      const enrolled: CustomerEnrolled = {
        customerId: created,
        name,
        phoneE164: phone,
        email: email === null ? null : emailText,
        birthday,
        cardNo,
        consents: [
          { purpose: 'processing', channel: null, granted: true },
          ...marketing.map((consent) => ({ purpose: 'marketing' as const, ...consent })),
        ],
        attributes: anyMarketing ? Object.fromEntries(attributes) : {},
        storeCode: config.store.code,
        terminalCode: config.terminal.code,
        cashierId: context.cashierId,
        at,
      };
      outbox?.append('customer.enrolled', enrolled, at);
      return created;
    })();
    const customer = customers.customerById(id);
    if (!customer) throw new Error(`customer ${id} vanished after enrolment`);
    return ok({ kind: 'created', customer });
  }

  return { identify, enrol, customers };
}
export type CustomerService = ReturnType<typeof createCustomerService>;
