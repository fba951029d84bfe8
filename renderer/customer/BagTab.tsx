import { useState } from 'react';
import type { BagItem, CustomerProfile } from '../../contract/customers';
import type { Cart } from '../../contract/ipc';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';

interface BagTabProps {
  profile: CustomerProfile;
  cart: Cart;
  locked: boolean;
  onSaveBag(): void;
}

function BagRow({ item, currency, locked }: { item: BagItem; currency: string; locked: boolean }) {
  const store = usePosStore();
  const { t, money, quantity, productName, date } = useI18n();
  const [busy, setBusy] = useState(false);
  const name = productName(item.names);
  const unit = item.unit;

  const remove = async () => {
    setBusy(true);
    await store.removeBagItem(item.productId);
    setBusy(false);
  };

  return (
    <li className="bag-item" data-testid="bag-item" data-product-id={item.productId}>
      <div className="bag-item__about">
        <strong className="bag-item__name">{name}</strong>
        <span className="customer-panel__muted">
          {quantity(item.quantityMilli, unit)} {t(unit === 'kg' ? 'units.kg' : 'units.piece')} ·{' '}
          {t('bag.savedAt', { date: date(item.savedAt) })}
        </span>
      </div>
      <span className="bag-item__price" data-testid="bag-item-price">
        {item.priceMinor === null ? t('bag.notSold') : money(item.priceMinor, currency)}
      </span>
      <button
        type="button"
        className="button button--primary button--small"
        data-testid="bag-item-add"
        disabled={locked || item.priceMinor === null}
        onClick={() => void store.addProduct(item.productId, item.quantityMilli)}
      >
        {t('bag.add')}
      </button>
      <button
        type="button"
        className="remove-button"
        data-testid="bag-item-remove"
        aria-label={t('bag.remove', { name })}
        disabled={busy}
        onClick={() => void remove()}
      >
        ×
      </button>
    </li>
  );
}

/** What the customer put aside for later, at today's prices, and the action that puts the cart aside. */
export function BagTab({ profile, cart, locked, onSaveBag }: BagTabProps) {
  const { t } = useI18n();
  return (
    <div className="bag-tab">
      <button
        type="button"
        className="button"
        data-testid="bag-save"
        disabled={cart.lines.length === 0}
        onClick={onSaveBag}
      >
        {t('bag.save')}
      </button>
      {profile.bag.length === 0 ? (
        <p className="customer-panel__muted">{t('bag.empty')}</p>
      ) : (
        <ul className="bag">
          {profile.bag.map((item) => (
            <BagRow key={item.productId} item={item} currency={cart.currency} locked={locked} />
          ))}
        </ul>
      )}
    </div>
  );
}
