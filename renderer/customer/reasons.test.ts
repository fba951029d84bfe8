import { describe, expect, it } from 'vitest';
import type { Locale } from '../../contract/common';
import type { SuggestionReason } from '../../contract/reco';
import { catalogues } from '../i18n/catalogues';
import { localName } from '../i18n/names';
import { createTranslator } from '../i18n/translate';
import { reasonText } from './reasons';

const now = new Date('2025-11-23T10:00:00Z');
const refers = {
  '7': { ru: 'Молоко 3,2 %', en: 'Milk 3.2%' },
  '12': { ru: 'Хлеб Бородинский', en: 'Borodinsky bread' },
};
const words = (locale: Locale) => ({
  t: createTranslator(locale, catalogues[locale]),
  locale,
  productName: (names: Record<string, string>) => localName(names, locale, 'ru'),
});
const say = (reason: SuggestionReason, locale: Locale = 'en') =>
  reasonText(reason, refers, words(locale), now);

const repeat = (cycleDays: number | null, lastBoughtAt: string, timesBought = 6): SuggestionReason => ({
  kind: 'repeat',
  lastBoughtAt,
  cycleDays,
  timesBought,
});

describe('why a product is suggested', () => {
  it('tells the customer’s own rhythm of buying it', () => {
    expect(say(repeat(14, '2025-11-07T09:00:00Z'))).toBe('You buy it every ~14 days; last time 16 days ago');
    expect(say(repeat(13.6, '2025-11-22T09:00:00Z'))).toBe('You buy it every ~14 days; last time yesterday');
    expect(say(repeat(0.4, '2025-11-23T08:00:00Z'))).toBe('You buy it every ~1 day; last time today');
  });

  it('says how often it was bought while there is no rhythm yet', () => {
    expect(say(repeat(null, '2025-11-13T09:00:00Z', 1))).toBe(
      'You have bought it once; last time 10 days ago',
    );
    expect(say(repeat(null, '2025-11-13T09:00:00Z', 3), 'ru')).toBe(
      'Вы уже покупали это 3 раза; последний раз — 10 дней назад',
    );
  });

  it('says the rhythm in Russian and Chinese with their own number forms', () => {
    expect(say(repeat(21, '2025-11-21T09:00:00Z'), 'ru')).toBe(
      'Вы покупаете это примерно раз в 21 день; последний раз — позавчера',
    );
    expect(say(repeat(14, '2025-11-07T09:00:00Z'), 'ru')).toBe(
      'Вы покупаете это примерно раз в 14 дней; последний раз — 16 дней назад',
    );
    expect(say(repeat(14, '2025-11-07T09:00:00Z'), 'zh-CN')).toBe('您大约每 14 天购买一次；上次购买：16天前');
  });

  it('names the product it goes with, in the screen’s language', () => {
    expect(say({ kind: 'bought-with', productId: 7 })).toBe('Often bought with Milk 3.2%');
    expect(say({ kind: 'like-your', productId: 12 })).toBe('Customers who buy Borodinsky bread also buy it');
    expect(say({ kind: 'bought-with', productId: 7 }, 'ru')).toBe(
      'Часто покупают вместе с товаром «Молоко 3,2 %»',
    );
  });

  it('still gives a reason when the product it refers to has no name', () => {
    expect(say({ kind: 'bought-with', productId: 99 })).toBe('Often bought with what you buy');
    expect(say({ kind: 'like-your', productId: 99 })).toBe('Customers with baskets like yours buy it');
  });

  it('falls back to the store’s best sellers', () => {
    expect(say({ kind: 'popular' })).toBe('Popular in this store');
    expect(say({ kind: 'popular' }, 'zh-CN')).toBe('本店热销');
  });
});
