import type { Cart } from '../../contract/ipc';
import { useI18n } from '../i18n/context';

export function Totals({ cart }: { cart: Cart }) {
  const { t, money, rate } = useI18n();
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
        <span className="totals__label">{t('checkout.total')}</span>
        <span className="totals__amount" data-testid="cart-total">
          {money(cart.totalMinor, cart.currency)}
        </span>
      </div>
    </footer>
  );
}
