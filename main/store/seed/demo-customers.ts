// The fixed demo customers that the README, the e2e tests and demos rely on: ids 1–5 in every demo
// store, generated customers from id 6. Cards, phones and coupon codes are literal so they can be
// typed at the till; demo-customers.test.ts checks their check digits and what the seed gives each.
// Dates are days before the end of the history (00:00 UTC of the seed's day), so a demo seeded today
// has coupons valid today.
//
//   Анна Иванова   card 2799000000018, +7 916 123-45-67, anna.ivanova@example.com: a regular with
//                  30 purchases (10 here, 12 at store 0007, 8 online at WEB; the 10 here need a
//                  history of at least a few dozen sales, as every seed size but a tiny one has),
//                  coupons 9900000000110 (10 %) and 9900000000127 (500 ₽ off 2 500 ₽ in RUB) valid,
//                  one expired, one redeemed; a book in her saved bag; marketing consent by SMS and
//                  e-mail; shoe size, child's birth year, pet breed; tags and associate notes.
//   Ольга Кузнецова +7 903 111-77-77 and Дмитрий Орлов +7 926 222-77-77: the only phones ending 7777,
//                  so typing 7777 gives a pick list of exactly these two.
//   Anna Ivanova   card 2799000000025: a duplicate HQ merged into Анна Иванова; her card and name
//                  lead to the survivor.
//   #5             erased on request: no name, phone, e-mail, card or attributes; two old receipts
//                  keep the bare id.
import type { MarketingChannel } from '../customers';
import { demoProducts } from './demo-catalog';
import type { Habits } from './shopping';

export const FIRST_GENERATED_CUSTOMER_ID = 6;

/** Purchases at this store: days before the end, at 18:00–19:00 Moscow time. */
type Visits = readonly number[];

export interface DemoCustomer {
  id: number;
  /** '' for the erased customer, as erasure leaves it. */
  name: string;
  cardNo: string | null;
  phone: string | null;
  email: string | null;
  birthday: string | null;
  joinedDaysAgo: number;
  /** Where the customer signed up: this store (null) or an online shop. */
  joinedAt: 'WEB' | null;
  marketing: readonly MarketingChannel[];
  attributes: Readonly<Record<string, string>>;
  tags: readonly string[];
  localVisits: Visits;
  mergedInto: number | null;
  erasedDaysAgo: number | null;
}

const customer = (
  fields: Partial<DemoCustomer> & Pick<DemoCustomer, 'id' | 'joinedDaysAgo'>,
): DemoCustomer => ({
  name: '',
  cardNo: null,
  phone: null,
  email: null,
  birthday: null,
  joinedAt: null,
  marketing: [],
  attributes: {},
  tags: [],
  localVisits: [],
  mergedInto: null,
  erasedDaysAgo: null,
  ...fields,
});

export const demoCustomers = {
  anna: customer({
    id: 1,
    name: 'Анна Иванова',
    cardNo: '2799000000018',
    phone: '+79161234567',
    email: 'anna.ivanova@example.com',
    birthday: '1987-09-14',
    joinedDaysAgo: 900,
    marketing: ['sms', 'email'],
    attributes: { shoe_size: '38', child_birth_year: '2016', pet_breed: 'мейн-кун' },
    tags: ['vip', 'e-receipt'],
    localVisits: [172, 155, 137, 120, 103, 86, 68, 51, 33, 16],
  }),
  olga: customer({
    id: 2,
    name: 'Ольга Кузнецова',
    cardNo: '2799000000032',
    phone: '+79031117777',
    joinedDaysAgo: 500,
    localVisits: [150, 90, 20],
  }),
  dmitry: customer({
    id: 3,
    name: 'Дмитрий Орлов',
    cardNo: '2799000000049',
    phone: '+79262227777',
    email: 'd.orlov@example.net',
    joinedDaysAgo: 300,
    marketing: ['email'],
    localVisits: [120, 45],
  }),
  annaDuplicate: customer({
    id: 4,
    name: 'Anna Ivanova',
    cardNo: '2799000000025',
    phone: '+79161234567',
    email: 'anna.ivanova87@example.org',
    joinedDaysAgo: 420,
    joinedAt: 'WEB',
    mergedInto: 1,
  }),
  erased: customer({ id: 5, joinedDaysAgo: 700, localVisits: [170, 130], erasedDaysAgo: 40 }),
} as const;

export const demoCustomerList: readonly DemoCustomer[] = Object.values(demoCustomers);

/** The last four digits only the two pick-list customers have. */
export const SHARED_LAST4 = '7777';
/** Generated phones never end in these, so the demo phones' last four stay theirs. */
export const RESERVED_LAST4 = ['4567', SHARED_LAST4] as const;

/** Анна Иванова's purchases elsewhere in the chain: days before the end. */
export const annaElsewhere = {
  store: { code: '0007', days: [700, 640, 575, 510, 450, 390, 330, 270, 210, 150, 95, 40] },
  online: { code: 'WEB', days: [680, 560, 470, 365, 250, 185, 120, 25] },
} as const;

export const ANNA_PURCHASES =
  demoCustomers.anna.localVisits.length + annaElsewhere.store.days.length + annaElsewhere.online.days.length;

/**
 * Coupon values are in "units" of the store's currency (coupons.ts couponUnitMinor: 100 ₽, 10 ¥,
 * 1 €), so they read as round sums whatever the currency.
 */
export interface DemoCoupon {
  code: string;
  kind: 'segment' | 'anniversary' | 'birthday' | 'winback' | 'manual';
  percentBp: number | null;
  amountUnits: number | null;
  minSpendUnits: number;
  /** Days before the end (positive) or after it (negative). */
  validFromDaysAgo: number;
  validUntilDaysAgo: number;
  redeemedDaysAgo: number | null;
}

export const annaCoupons = {
  /** 10 % off, valid now. */
  percent: {
    code: '9900000000110',
    kind: 'segment',
    percentBp: 1000,
    amountUnits: null,
    minSpendUnits: 0,
    validFromDaysAgo: 5,
    validUntilDaysAgo: -25,
    redeemedDaysAgo: null,
  },
  /** 500 ₽ off a purchase of 2 500 ₽ or more (in RUB), valid now. */
  fixed: {
    code: '9900000000127',
    kind: 'anniversary',
    percentBp: null,
    amountUnits: 5,
    minSpendUnits: 25,
    validFromDaysAgo: 10,
    validUntilDaysAgo: -20,
    redeemedDaysAgo: null,
  },
  expired: {
    code: '9900000000134',
    kind: 'birthday',
    percentBp: 1500,
    amountUnits: null,
    minSpendUnits: 0,
    validFromDaysAgo: 300,
    validUntilDaysAgo: 286,
    redeemedDaysAgo: null,
  },
  redeemed: {
    code: '9900000000141',
    kind: 'winback',
    percentBp: null,
    amountUnits: 3,
    minSpendUnits: 15,
    validFromDaysAgo: 200,
    validUntilDaysAgo: 170,
    redeemedDaysAgo: 185,
  },
} as const satisfies Record<string, DemoCoupon>;

/** A campaign code anyone may use: 5 % off from 1 500 ₽ (in RUB), valid from 30 days ago for 90 days. */
export const campaignCoupon = {
  code: '9900000000011',
  kind: 'manual',
  percentBp: 500,
  amountUnits: null,
  minSpendUnits: 15,
  validFromDaysAgo: 30,
  validUntilDaysAgo: -60,
  redeemedDaysAgo: null,
} as const satisfies DemoCoupon;

/** Undecided at her last visit: "Мастер и Маргарита", kept for next time. */
export const annaSavedBag = {
  productId: demoProducts.book.id,
  quantityMilli: 1000,
  savedDaysAgo: 3,
} as const;

export const annaNotes = [
  { daysAgo: 60, authorId: 3, text: 'Покупает кофе в зёрнах — сообщить, когда будет новая поставка.' },
  { daysAgo: 16, authorId: 1, text: 'Просит чеки только на e-mail, бумажный не печатать.' },
] as const;

const staple = (
  product: (typeof demoProducts)[keyof typeof demoProducts],
  cycleDays: number,
  quantityMilli: number,
  companion: (typeof demoProducts)[keyof typeof demoProducts] | null = null,
) => ({ product, cycleDays, phaseDays: 0, quantityMilli, companion, companionShare: 0.5 });

/** What the demo customers buy: Анна Иванова's coffee comes with chocolate, her bread with butter. */
export const demoHabits: Readonly<Record<number, Habits>> = {
  [demoCustomers.anna.id]: {
    staples: [
      staple(demoProducts.milk, 5, 2000),
      staple(demoProducts.borodinsky, 4, 1000, demoProducts.butter),
      staple(demoProducts.kefir, 7, 1000, demoProducts.tvorog),
      staple(demoProducts.coffee, 20, 1000, demoProducts.chocolate),
      staple(demoProducts.cheese, 10, 350),
      staple(demoProducts.bananas, 7, 1200),
      staple(demoProducts.eggs, 10, 1000),
    ],
    browsing: 0.3,
  },
  [demoCustomers.olga.id]: {
    staples: [staple(demoProducts.loaf, 3, 1000), staple(demoProducts.tea, 25, 1000, demoProducts.chocolate)],
    browsing: 0.5,
  },
  [demoCustomers.dmitry.id]: {
    staples: [staple(demoProducts.pelmeni, 14, 1000), staple(demoProducts.water, 7, 2000)],
    browsing: 0.5,
  },
  [demoCustomers.erased.id]: { staples: [staple(demoProducts.potatoes, 10, 2000)], browsing: 0.5 },
};
