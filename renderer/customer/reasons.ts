// Why a product is suggested, in words the cashier can say to the customer: "You buy it every ~14
// days; last time 16 days ago", "Often bought with Milk". The model's reasons come from main as data
// (contract/reco.ts); the words are the screen's.
import type { Locale, LocalizedNames } from '../../contract/common';
import type { Recommendation } from '../../contract/customers';
import type { SuggestionReason } from '../../contract/reco';
import { elapsedDays, formatDaysAgo } from '../i18n/format';
import type { Translate } from '../i18n/translate';

export interface ReasonWords {
  t: Translate;
  locale: Locale;
  productName(names: LocalizedNames): string;
}

export function reasonText(
  reason: SuggestionReason,
  refers: Recommendation['refers'],
  { t, locale, productName }: ReasonWords,
  now: Date,
): string {
  const nameOf = (productId: number): string | null => {
    const names = refers[String(productId)];
    return names ? productName(names) : null;
  };
  switch (reason.kind) {
    case 'repeat': {
      const ago = formatDaysAgo(elapsedDays(reason.lastBoughtAt, now), locale);
      // No rhythm until they have bought it on two days: say how often instead.
      if (reason.cycleDays === null) {
        return t('offers.bought', { times: t('offers.times', { count: reason.timesBought }), ago });
      }
      const every = t('offers.days', { count: Math.max(1, Math.round(reason.cycleDays)) });
      return t('offers.repeat', { every, ago });
    }
    case 'bought-with': {
      const name = nameOf(reason.productId);
      return name === null ? t('offers.boughtWithTheirs') : t('offers.boughtWith', { name });
    }
    case 'like-your': {
      const name = nameOf(reason.productId);
      return name === null ? t('offers.likeTheirs') : t('offers.likeYour', { name });
    }
    case 'popular':
      return t('offers.popular');
  }
}
