import type { Cart } from '../../contract/ipc';
import { couponShortfall } from '../customer/coupons';
import { useI18n } from '../i18n/context';
import { minus } from '../i18n/format';
import { usePosStore } from '../state/StoreContext';

function CouponLines({ cart, locked }: { cart: Cart; locked: boolean }) {
  const store = usePosStore();
  const { t, money } = useI18n();
  const { coupon } = cart;
  const shortfall = couponShortfall(cart);
  return (
    <div className="totals__breakdown">
      <div className="totals__line">
        <span>{t('checkout.subtotal')}</span>
        <span data-testid="cart-subtotal">{money(cart.subtotalMinor, cart.currency)}</span>
      </div>
      {coupon ? (
        <div
          className={
            coupon.problem
              ? 'totals__line totals__coupon totals__coupon--idle'
              : 'totals__line totals__coupon'
          }
          data-testid="cart-coupon"
          data-code={coupon.code}
        >
          <span>{t('checkout.coupon', { code: coupon.code })}</span>
          <span data-testid="cart-discount">{minus(money(cart.discountMinor, cart.currency))}</span>
          <button
            type="button"
            className="totals__coupon-remove"
            data-testid="coupon-remove"
            aria-label={t('checkout.removeCoupon', { code: coupon.code })}
            disabled={locked}
            onClick={() => void store.removeCoupon()}
          >
            ×
          </button>
        </div>
      ) : (
        <div className="totals__line totals__coupon">
          <span>{t('receipt.discount')}</span>
          <span data-testid="cart-discount">{minus(money(cart.discountMinor, cart.currency))}</span>
        </div>
      )}
      {coupon?.problem === 'min-spend' && (
        <p className="totals__problem" data-testid="coupon-problem" role="status">
          {t('checkout.couponShort', {
            amount: money(coupon.minSpendMinor, cart.currency),
            missing: money(shortfall, cart.currency),
          })}
        </p>
      )}
    </div>
  );
}

export function Totals({ cart, locked }: { cart: Cart; locked: boolean }) {
  const { t, money, rate } = useI18n();
  const discounted = cart.coupon !== null || cart.discountMinor > 0;
  return (
    <footer className="totals">
      <div className="totals__taxes">
        {cart.taxes.map((tax) => (
          <div className="totals__tax" data-testid="tax-row" key={tax.rateBp}>
            <span>{t('checkout.vat', { rate: rate(tax.rateBp) })}</span>
            <span>{money(tax.taxMinor, cart.currency)}</span>
          </div>
        ))}
      </div>
      <div className="totals__count">
        <span data-testid="cart-item-count">{cart.itemCount}</span>{' '}
        <span>{t('checkout.items', { count: cart.itemCount })}</span>
      </div>
      <div className="totals__total">
        {discounted && <CouponLines cart={cart} locked={locked} />}
        <span className="totals__label">{t('checkout.total')}</span>
        <span className="totals__amount" data-testid="cart-total">
          {money(cart.totalMinor, cart.currency)}
        </span>
      </div>
    </footer>
  );
}
