// Match keys for identifying a customer (FIELD.md, "Identity resolution"): phone in E.164, e-mail
// normalised by provider rules, and names as weak evidence, searchable in both scripts. Pure: the
// store writes what these functions return, and the same functions read the cashier's query.
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { CountryCode } from 'libphonenumber-js/min';

/** An ISO 3166-1 alpha-2 country, as libphonenumber-js knows it (e.g. 'RU', 'CN'). */
export type Country = CountryCode;

const COUNTRY_BY_CURRENCY: Readonly<Record<string, Country>> = {
  RUB: 'RU',
  BYN: 'BY',
  KZT: 'KZ',
  UZS: 'UZ',
  AMD: 'AM',
  KGS: 'KG',
  CNY: 'CN',
  HKD: 'HK',
  USD: 'US',
  GBP: 'GB',
};

/**
 * The country whose national phone format the store's customers type: the configured one, else the
 * one the store's currency belongs to, else Russia (the demo store's).
 */
export function storeCountry(store: { country?: string | undefined; currency: string }): Country {
  if (store.country !== undefined && isSupportedCountry(store.country)) return store.country;
  return COUNTRY_BY_CURRENCY[store.currency] ?? 'RU';
}

const PHONE_TEXT = /^\+?[\d\s().-]{4,30}$/;

/**
 * A phone number as typed ("8 (916) 123-45-67", "+7 916 1234567", "9161234567") in E.164, or null
 * when it is not a valid number of the store's country or, with a leading +, of any country.
 * Validation checks length and leading digits (the "min" metadata): impossible codes are refused, while
 * newly allocated ranges of a valid prefix are not, as the stricter metadata would until updated.
 */
export function normalisePhone(text: string, country: Country): string | null {
  const trimmed = text.trim();
  if (!PHONE_TEXT.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, { defaultCountry: country });
  return parsed?.isValid() ? parsed.number : null;
}

/** The last four digits of an E.164 number: the key of the "last 4" pick list. */
export const phoneLast4 = (e164: string): string => e164.slice(-4);

/** `+7 *** ***-12-34`: enough for the customer to recognise their number, not enough to copy it. */
export function maskPhone(e164: string | null): string | null {
  if (e164 === null) return null;
  const code = parsePhoneNumberFromString(e164)?.countryCallingCode ?? '';
  const last4 = phoneLast4(e164);
  return `+${code} *** ***-${last4.slice(0, 2)}-${last4.slice(2)}`;
}

/** `a•••@mail.ru`: the customer recognises their address; the screen does not give it away. */
export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}

/** `•••• 1234`: the card's owner recognises it, a photo of the screen cannot be used as one. */
export function maskCard(cardNo: string): string {
  return `•••• ${cardNo.slice(-4)}`;
}

// Providers whose rules make differently written addresses one mailbox. Gmail ignores dots and a
// +tag in the local part; Yandex treats dots and hyphens alike, takes +tags and serves one mailbox
// under all its domains; Outlook takes +tags. Elsewhere a +tag may be part of a real address.
const GMAIL = new Set(['gmail.com', 'googlemail.com']);
const YANDEX = new Set([
  'yandex.ru',
  'ya.ru',
  'yandex.com',
  'yandex.by',
  'yandex.kz',
  'yandex.ua',
  'narod.ru',
]);
const PLUS_TAGS = new Set(['outlook.com', 'hotmail.com', 'live.com']);
const EMAIL =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{4,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** An e-mail address as the mailbox it reaches (lower case, provider rules applied), or null. */
export function normaliseEmail(text: string): string | null {
  const email = text.trim().toLowerCase();
  if (!EMAIL.test(email) || email.includes('..')) return null;
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  if (GMAIL.has(domain) || YANDEX.has(domain) || PLUS_TAGS.has(domain)) local = local.split('+')[0] ?? '';
  if (GMAIL.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  if (YANDEX.has(domain)) {
    local = local.replaceAll('.', '-');
    domain = 'yandex.ru';
  }
  return local.length > 0 ? `${local}@${domain}` : null;
}

// Romanisation. Two schemes, because customers type their names either way:
//  - ICAO Doc 9303, as printed in Russian international passports since 2014 (order of the Federal
//    Migration Service no. 320): Юлия → iuliia, Сергей → sergei, Хохлов → khokhlov;
//  - the common BGN/PCGN-style spelling (й y, ю yu, я ya, ё yo, е ye at the start of a word and after
//    a vowel or sign): Юлия → yuliya, Сергей → sergey, Елена → yelena.
// GOST 7.79-B (х → x, ц → cz) is not used: no one writes their name that way at a till.
// prettier-ignore
const ICAO: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};
const COMMON: Readonly<Record<string, string>> = { ...ICAO, ё: 'yo', й: 'y', ъ: '', ю: 'yu', я: 'ya' };
const VOWELS_AND_SIGNS = new Set([...'аеёиоуыэюяъь']);
const CYRILLIC = /[\u0400-\u04ff]/u;

export type Scheme = 'icao' | 'common';

/** Latin letters for a Cyrillic text in the given scheme; other characters are kept as they are. */
export function romanise(text: string, scheme: Scheme): string {
  const chars = [...text.toLowerCase()];
  const table = scheme === 'icao' ? ICAO : COMMON;
  return chars
    .map((char, index) => {
      const before = chars[index - 1];
      const wordStart = before === undefined || !CYRILLIC.test(before);
      if (scheme === 'common' && char === 'е' && (wordStart || VOWELS_AND_SIGNS.has(before ?? '')))
        return 'ye';
      return table[char] ?? char;
    })
    .join('');
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MAX_WORD = 40;

/**
 * The words of a name or query as FTS5's unicode61 tokenizer splits them: letters and digits, lower
 * case, ё read as е (unicode61 folds Latin diacritics only), everything else a separator.
 */
export function words(text: string): string[] {
  const folded = text.normalize('NFC').toLowerCase().replaceAll('ё', 'е');
  return (folded.match(WORD) ?? []).map((word) => word.slice(0, MAX_WORD));
}

/** A word and the Latin spellings of it, when it is Cyrillic: what it may be found or typed as. */
export function spellings(word: string): string[] {
  if (!CYRILLIC.test(word)) return [word];
  return [...new Set([word, romanise(word, 'icao'), romanise(word, 'common')])];
}

/** The text indexed for a name: its words in every spelling, so either script finds it. */
export function nameSearchText(name: string): string {
  return [...new Set(words(name).flatMap(spellings))].join(' ');
}

const MAX_QUERY_WORDS = 5;
/** Shorter words would match a large share of the customers and tell the cashier nothing. */
const MIN_PREFIX = 2;
// A Chinese family name is one character, and a telling one.
const HAN = /\p{Script=Han}/u;

/**
 * An FTS5 MATCH expression for a name typed by a cashier, or null when nothing searchable is left.
 * User text never reaches FTS5 as syntax: it is split into words (so quotes, `*`, `-`, `:`, `^` and
 * parentheses are separators), each word is a quoted string (so NEAR, AND, OR and NOT are words),
 * and the prefix `*` is ours. Each word matches in any of its spellings; all words must match.
 */
export function nameMatchQuery(text: string): string | null {
  const terms = words(text)
    .filter((word) => [...word].length >= MIN_PREFIX || HAN.test(word))
    .slice(0, MAX_QUERY_WORDS);
  if (terms.length === 0) return null;
  const quote = (word: string) => `"${word.replaceAll('"', '""')}"*`;
  return terms.map((word) => `(${spellings(word).map(quote).join(' OR ')})`).join(' AND ');
}
