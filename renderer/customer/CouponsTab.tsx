import type { FormEvent } from 'react';
import { useState } from 'react';
import type { CouponOffer, CustomerProfile } from '../../contract/customers';
import type { Cart } from '../../contract/ipc';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';
import { couponValue } from './coupons';

interface CouponsTabProps {
  profile: CustomerProfile;
  cart: Cart;
  locked: boolean;
}

function CouponCard({ offer, cart, locked }: { offer: CouponOffer; cart: Cart; locked: boolean }) {
  const store = usePosStore();
  const { t, money, rate, date } = useI18n();
  const [busy, setBusy] = useState(false);
  const value = couponValue(offer, cart.currency, { money, rate });
  const applied = cart.coupon?.code === offer.code;

  const apply = async () => {
    setBusy(true);
    await store.applyCoupon(offer.code);
    setBusy(false);
  };

  return (
    <li
      className={applied ? 'coupon coupon--applied' : 'coupon'}
      data-testid="coupon-offer"
      data-code={offer.code}
    >
      <div className="coupon__value" data-testid="coupon-value">
        {value === null ? t(`coupons.kinds.${offer.kind}`) : t('coupons.off', { value })}
      </div>
      <div className="coupon__about">
        <strong>{t(`coupons.kinds.${offer.kind}`)}</strong>
        {offer.personal && <span className="badge badge--personal">{t('coupons.personal')}</span>}
        <span data-testid="coupon-min-spend">
          {offer.minSpendMinor > 0
            ? t('coupons.minSpend', { amount: money(offer.minSpendMinor, cart.currency) })
            : t('coupons.anySpend')}
        </span>
        <span className="coupon__until">{t('coupons.validUntil', { date: date(offer.validUntil) })}</span>
        <code className="coupon__code">{offer.code}</code>
      </div>
      {applied ? (
        <span className="coupon__applied" data-testid="coupon-applied">
          {t('coupons.applied')}
        </span>
      ) : (
        <button
          type="button"
          className="button button--primary button--small"
          data-testid="coupon-apply"
          disabled={locked || busy}
          onClick={() => void apply()}
        >
          {t('coupons.apply')}
        </button>
      )}
    </li>
  );
}

/** The customer's coupons with what each is worth, and a field for a code they bring on paper or phone. */
export function CouponsTab({ profile, cart, locked }: CouponsTabProps) {
  const store = usePosStore();
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  const applyTyped = async (event: FormEvent) => {
    event.preventDefault();
    const typed = code.trim();
    if (typed === '' || busy) return;
    setBusy(true);
    if (await store.applyCoupon(typed)) setCode('');
    setBusy(false);
  };

  return (
    <div className="coupons-tab">
      {profile.coupons.length === 0 ? (
        <p className="customer-panel__muted">{t('coupons.empty')}</p>
      ) : (
        <ul className="coupons">
          {profile.coupons.map((offer) => (
            <CouponCard key={offer.code} offer={offer} cart={cart} locked={locked} />
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={(event) => void applyTyped(event)}>
        <input
          data-testid="coupon-code-input"
          aria-label={t('coupons.codeLabel')}
          placeholder={t('coupons.codePlaceholder')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
        <button
          type="submit"
          className="button"
          data-testid="coupon-code-apply"
          disabled={locked || busy || code.trim() === ''}
        >
          {t('coupons.apply')}
        </button>
      </form>
    </div>
  );
}
