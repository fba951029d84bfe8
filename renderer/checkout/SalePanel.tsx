import type { Cart } from '../../contract/ipc';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';
import { ScanEntry } from './ScanEntry';

interface SalePanelProps {
  cart: Cart;
  onVoid(): void;
  onIdentify(): void;
}

export function SalePanel({ cart, onVoid, onIdentify }: SalePanelProps) {
  const store = usePosStore();
  const { t, money } = useI18n();
  const empty = cart.lines.length === 0;
  return (
    <div className="sale-panel">
      <ScanEntry />
      <div className="sale-panel__spacer" />
      <div className="sale-panel__row">
        <button type="button" className="button" data-testid="identify-button" onClick={onIdentify}>
          <span>{t('customer.identify')}</span>
          <kbd>F3</kbd>
        </button>
        <button
          type="button"
          className="button button--danger-outline"
          data-testid="void-cart"
          disabled={empty}
          onClick={onVoid}
        >
          {t('checkout.voidSale')}
        </button>
      </div>
      <button
        type="button"
        className="button button--pay"
        data-testid="pay-button"
        disabled={empty}
        onClick={() => store.openPay()}
      >
        <span>{t('checkout.pay')}</span>
        <span className="button--pay__amount">{money(cart.totalMinor, cart.currency)}</span>
        <kbd>F10</kbd>
      </button>
      <p className="sale-panel__keys">{t('checkout.shortcuts')}</p>
    </div>
  );
}
