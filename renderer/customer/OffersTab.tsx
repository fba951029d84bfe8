import { useEffect } from 'react';
import type { CustomerProfile, Recommendation } from '../../contract/customers';
import type { Cart } from '../../contract/ipc';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';
import { reasonText } from './reasons';

interface OffersTabProps {
  profile: CustomerProfile;
  cart: Cart;
  locked: boolean;
}

function Suggestion({ item, currency, locked }: { item: Recommendation; currency: string; locked: boolean }) {
  const store = usePosStore();
  const i18n = useI18n();
  const { t, money, productName } = i18n;
  const now = new Date();
  const [first, ...others] = item.reasons.map((reason) => reasonText(reason, item.refers, i18n, now));
  return (
    <li className="suggestion" data-testid="reco-item" data-product-id={item.productId}>
      <div className="suggestion__about">
        <strong className="suggestion__name">{productName(item.names)}</strong>
        <span className="suggestion__reason" data-testid="reco-reason">
          {first}
        </span>
        {others.map((reason) => (
          <span className="suggestion__reason suggestion__reason--more" key={reason}>
            {reason}
          </span>
        ))}
      </div>
      <span className="suggestion__price">{money(item.priceMinor, currency)}</span>
      <button
        type="button"
        className="button button--primary button--small"
        data-testid="reco-add"
        disabled={locked}
        onClick={() => void store.addProduct(item.productId, 1000)}
      >
        {t('offers.add')}
      </button>
    </li>
  );
}

/** What to offer the customer, each with the reason in words the cashier can say aloud. */
export function OffersTab({ profile, cart, locked }: OffersTabProps) {
  const store = usePosStore();
  const { t } = useI18n();
  // What goes with the cart changes with it: main is asked again when its products have changed.
  useEffect(() => store.refreshSuggestions(), [store, cart]);
  if (profile.recommendations.length === 0)
    return <p className="customer-panel__muted">{t('offers.empty')}</p>;
  return (
    <ul className="suggestions">
      {profile.recommendations.map((item) => (
        <Suggestion key={item.productId} item={item} currency={cart.currency} locked={locked} />
      ))}
    </ul>
  );
}
