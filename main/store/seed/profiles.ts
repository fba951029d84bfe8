// Customer profiles as a till holds them: who the customer is, the consents they gave when they
// signed up (processing always, marketing for about 60 %), the preferences they told an associate
// (kept only with marketing consent, as the till's enrolment does), tags and associates' notes. The
// fixed demo customers come first, then the generated ones.
import type { TillConfig } from '../../../contract/config';
import type { MarketingChannel } from '../customers';
import { DAY_MS, HOUR_MS, historyEnd, isoDate } from './calendar';
import { onlineShops, otherStores } from './chain';
import { frequencyOf, joinedAt } from './clientele';
import { demoUsers } from './demo-catalog';
import type { DemoCustomer } from './demo-customers';
import { FIRST_GENERATED_CUSTOMER_ID, annaNotes, demoCustomerList, demoCustomers } from './demo-customers';
import { loyaltyCardNo, mobilePhone } from './identifiers';
import { checkCount } from './limits';
import { randomPerson } from './people';
import type { Rng } from './prng';
import { Stream, digits, intBetween, pick, rngFor, weightedPicker } from './prng';
import type { ConsentRow, CustomerRow, NoteRow } from './rows';

export interface CustomersPlan {
  seed: number;
  /** Generated customers, besides the demo ones. */
  count: number;
  now: Date;
  config: TillConfig;
}

const EMAIL_SHARE = 0.7;
const BIRTHDAY_SHARE = 0.6;
const MARKETING_SHARE = 0.6;
const ATTRIBUTES_SHARE = 0.55;
const TAGS_SHARE = 0.12;
const NOTES_SHARE = 0.04;
// RFC 2606 reserves these: demo e-mail can never reach a real mailbox.
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];
/** Shoppers this much more frequent than the median are the store's VIPs: about the top 2 %. */
const VIP_FREQUENCY = 14;

// prettier-ignore
const attributeValues: Readonly<Record<string, readonly string[]>> = {
  shoe_size: ['35', '36', '37', '38', '39', '40', '41', '42', '43', '44', '45', '46'],
  pet_breed: ['британская короткошёрстная', 'мейн-кун', 'сфинкс', 'лабрадор', 'такса', 'шпиц', 'корги',
    'йоркширский терьер', 'беспородная кошка', 'беспородная собака'],
  diet: ['вегетарианское', 'без глютена', 'без лактозы', 'веганское'],
  coffee: ['в зёрнах', 'молотый', 'капсулы', 'растворимый'],
};
const ATTRIBUTE_KEYS = ['shoe_size', 'child_birth_year', 'pet_breed', 'diet', 'coffee'] as const;

// prettier-ignore
const tagList = ['e-receipt', 'own-bag', 'pensioner', 'family', 'office-orders', 'delivery', 'nut-allergy',
  'vegetarian', 'coffee-lover', 'new-parent'];

// prettier-ignore
const noteTexts = [
  'Просила откладывать свежий творог по пятницам.',
  'Аллергия на орехи — не предлагать пасты и шоколад с орехами.',
  'Интересуется акциями на бытовую химию.',
  'Предпочитает электронный чек на e-mail.',
  'Оформляет заказы для офиса, нужен счёт на организацию.',
  'Часто берёт воду упаковками — предложить доставку.',
  'Спрашивал про безглютеновый хлеб, сообщить о поступлении.',
  'Забыл пакет с покупками, вернули на следующий день.',
  'Покупает корм для кошки онлайн, спрашивала про наличие в магазине.',
  'Пенсионер, напоминать про скидки по средам.',
  'Customer speaks English; prefers receipts in English.',
  '顾客会说中文，喜欢绿茶。',
];
// Associates of other stores: their notes come down from HQ without a user of this till.
const otherAssociates = ['Мария Белова', 'Сергей Гусев', 'Ирина Титова', 'Wang Fang'];

const pickCashier = weightedPicker(demoUsers, (user) => (user.role === 'manager' ? 1 : 4.5));

/** Where a customer signed up: here at a terminal, at another store, or online. */
function signUpPlace(
  rng: Rng,
  config: TillConfig,
): Pick<ConsentRow, 'storeCode' | 'terminalCode' | 'cashierId'> {
  const draw = rng();
  if (draw < 0.45) {
    return {
      storeCode: config.store.code,
      terminalCode: config.terminal.code,
      cashierId: pickCashier(rng).id,
    };
  }
  if (draw < 0.75) {
    return {
      storeCode: pick(rng, otherStores(config.store.code)),
      terminalCode: digits(intBetween(rng, 1, 4), 2),
      cashierId: null,
    };
  }
  return { storeCode: pick(rng, onlineShops), terminalCode: '00', cashierId: null };
}

function consents(
  place: Pick<ConsentRow, 'storeCode' | 'terminalCode' | 'cashierId'>,
  recordedAt: string,
  marketing: readonly MarketingChannel[],
): ConsentRow[] {
  return [
    { purpose: 'processing', channel: null, granted: true, recordedAt, ...place },
    ...marketing.map((channel) => ({
      purpose: 'marketing' as const,
      channel,
      granted: true,
      recordedAt,
      ...place,
    })),
  ];
}

function marketingChannels(rng: Rng, hasEmail: boolean, online: boolean): MarketingChannel[] {
  const channels: MarketingChannel[] = [];
  if (rng() < 0.75) channels.push('sms');
  if (hasEmail && rng() < 0.7) channels.push('email');
  if (online && rng() < 0.5) channels.push('push');
  if (rng() < 0.08) channels.push('call');
  return channels.length > 0 ? channels : ['sms'];
}

function attributes(rng: Rng, endYear: number): Record<string, string> {
  const result: Record<string, string> = {};
  const count = intBetween(rng, 1, 3);
  for (let i = 0; i < count; i++) {
    const key = pick(rng, ATTRIBUTE_KEYS);
    result[key] =
      key === 'child_birth_year'
        ? String(intBetween(rng, endYear - 16, endYear - 1))
        : pick(rng, attributeValues[key] ?? ['']);
  }
  return result;
}

function notes(rng: Rng, config: TillConfig, from: number, end: number): NoteRow[] {
  return Array.from({ length: intBetween(rng, 1, 2) }, () => {
    const here = rng() < 0.7;
    const author = pickCashier(rng);
    return {
      text: pick(rng, noteTexts),
      authorId: here ? author.id : null,
      authorName: here ? author.name : pick(rng, otherAssociates),
      storeCode: here ? config.store.code : pick(rng, otherStores(config.store.code)),
      createdAt: new Date(from + Math.floor(rng() * (end - from))).toISOString(),
    };
  }).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function birthday(rng: Rng, end: number): string {
  const year = new Date(end).getUTCFullYear() - intBetween(rng, 18, 80);
  return isoDate(Date.UTC(year, 0, 1) + Math.floor(rng() * 365) * DAY_MS);
}

/** Generated customer `id` of a plan, computable on its own. */
function generatedCustomer(plan: CustomersPlan, id: number): CustomerRow {
  const { seed, config } = plan;
  const end = historyEnd(plan.now);
  const rng = rngFor(seed, Stream.customer, id);
  // joinedAt() draws the same first number: the join moment is cheap to recompute for the history.
  const created = joinedAt(seed, id, plan.count, end);
  rng();
  const person = randomPerson(rng);
  const email = rng() < EMAIL_SHARE ? `${person.emailName}${id}@${pick(rng, EMAIL_DOMAINS)}` : null;
  const createdAt = new Date(created).toISOString();

  const extra = rngFor(seed, Stream.profile, id);
  const place = signUpPlace(extra, config);
  const online = (onlineShops as readonly string[]).includes(place.storeCode);
  const marketing = extra() < MARKETING_SHARE ? marketingChannels(extra, email !== null, online) : [];
  const tags = extra() < TAGS_SHARE ? [pick(extra, tagList)] : [];
  if (frequencyOf(seed, id) >= VIP_FREQUENCY) tags.unshift('vip');
  return {
    id,
    cardNo: loyaltyCardNo(id),
    name: person.name,
    phone: mobilePhone(seed, id),
    email,
    birthday: extra() < BIRTHDAY_SHARE ? birthday(extra, end) : null,
    createdAt,
    mergedInto: null,
    erasedAt: null,
    consents: consents(place, createdAt, marketing),
    attributes:
      marketing.length > 0 && extra() < ATTRIBUTES_SHARE
        ? attributes(extra, new Date(end).getUTCFullYear())
        : {},
    tags: [...new Set(tags)],
    notes: extra() < NOTES_SHARE ? notes(extra, config, created, end) : [],
  };
}

function demoCustomerRow(customer: DemoCustomer, config: TillConfig, end: number): CustomerRow {
  const at = (daysAgo: number) => new Date(end - daysAgo * DAY_MS + 15 * HOUR_MS).toISOString();
  const createdAt = at(customer.joinedDaysAgo);
  const place =
    customer.joinedAt === null
      ? {
          storeCode: config.store.code,
          terminalCode: config.terminal.code,
          cashierId: demoUsers[0]?.id ?? null,
        }
      : { storeCode: customer.joinedAt, terminalCode: '00', cashierId: null };
  const given = consents(place, createdAt, customer.marketing);
  const erasedAt = customer.erasedDaysAgo === null ? null : at(customer.erasedDaysAgo);
  const withdrawn: ConsentRow[] =
    erasedAt === null
      ? []
      : [{ purpose: 'processing', channel: null, granted: false, recordedAt: erasedAt, ...place }];
  const notesOf = customer.id === demoCustomers.anna.id ? annaNotes : [];
  return {
    id: customer.id,
    cardNo: customer.cardNo,
    name: customer.name,
    phone: customer.phone,
    email: customer.email,
    birthday: customer.birthday,
    createdAt,
    mergedInto: customer.mergedInto,
    erasedAt,
    consents: [...given, ...withdrawn],
    attributes: { ...customer.attributes },
    tags: [...customer.tags],
    notes: notesOf.map((note) => {
      const author = demoUsers.find((user) => user.id === note.authorId);
      return {
        text: note.text,
        authorId: note.authorId,
        authorName: author?.name ?? '',
        storeCode: config.store.code,
        createdAt: at(note.daysAgo),
      };
    }),
  };
}

/** The demo customers, then `count` generated ones. */
export function* generateCustomers(plan: CustomersPlan): Generator<CustomerRow> {
  checkCount('customers', plan.count);
  const end = historyEnd(plan.now);
  for (const customer of demoCustomerList) yield demoCustomerRow(customer, plan.config, end);
  const last = FIRST_GENERATED_CUSTOMER_ID + plan.count;
  for (let id = FIRST_GENERATED_CUSTOMER_ID; id < last; id++) yield generatedCustomer(plan, id);
}
