import { useState } from 'react';
import type { CartCustomer, CustomerProfile } from '../../contract/customers';
import type { Cart } from '../../contract/ipc';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/types';
import { usePos, usePosStore } from '../state/StoreContext';
import { BagTab } from './BagTab';
import { CouponsTab } from './CouponsTab';
import { HistoryTab } from './HistoryTab';
import { OffersTab } from './OffersTab';
import { ProfileTab } from './ProfileTab';
import './customer.css';

type Tab = 'profile' | 'history' | 'coupons' | 'bag' | 'offers';

const tabs: ReadonlyArray<{ id: Tab; label: MessageKey; count?(profile: CustomerProfile): number }> = [
  { id: 'profile', label: 'customer.tabs.profile' },
  { id: 'history', label: 'customer.tabs.history' },
  { id: 'coupons', label: 'customer.tabs.coupons', count: (profile) => profile.coupons.length },
  { id: 'bag', label: 'customer.tabs.bag', count: (profile) => profile.bag.length },
  { id: 'offers', label: 'customer.tabs.offers', count: (profile) => profile.recommendations.length },
];

interface CustomerPanelProps {
  cart: Cart;
  customer: CartCustomer;
  /** The cart cannot change (payment under way): nothing here may add to it. */
  locked: boolean;
  onSaveBag(): void;
}

/** The customer's 360° profile beside the cart: who they are, what they bought, what to offer them. */
export function CustomerPanel({ cart, customer, locked, onSaveBag }: CustomerPanelProps) {
  const store = usePosStore();
  const { t, count } = useI18n();
  const state = usePos((s) => s.customer);
  const [tab, setTab] = useState<Tab>('profile');
  const own = state.customerId === customer.id;
  const profile = own ? state.profile : null;
  const failed = own && !state.loading && profile === null;
  const tier = profile?.tier ?? customer.tier;
  const card = customer.cardMasked ?? profile?.cards[0] ?? null;

  return (
    <section className="customer-panel" data-testid="customer-panel" aria-label={t('customer.panel')}>
      <header className="customer-panel__head">
        <div className="customer-panel__who">
          <h2 className="customer-panel__name" data-testid="customer-name">
            {profile?.name ?? customer.name}
          </h2>
          <div className="customer-panel__badges">
            {tier && (
              <span className="badge badge--tier" data-testid="customer-tier">
                {tier}
              </span>
            )}
            {profile?.rfm && (
              <span
                className={`badge badge--segment badge--${profile.rfm.segment}`}
                data-testid="customer-segment"
                data-segment={profile.rfm.segment}
                title={t('customer.segment', { r: profile.rfm.r, f: profile.rfm.f, m: profile.rfm.m })}
              >
                {t(`customer.segments.${profile.rfm.segment}`)}
              </span>
            )}
            {profile && (
              <span className="customer-panel__points" data-testid="customer-points">
                {t('customer.points', { count: profile.pointsBalance, points: count(profile.pointsBalance) })}
              </span>
            )}
            {card && <span className="customer-panel__card">{t('customer.card', { card })}</span>}
          </div>
        </div>
        <button
          type="button"
          className="remove-button"
          data-testid="customer-detach"
          aria-label={t('customer.detach')}
          title={t('customer.detach')}
          disabled={locked}
          onClick={() => void store.detachCustomer()}
        >
          ×
        </button>
      </header>

      {profile ? (
        <>
          <div className="customer-tabs" role="tablist">
            {tabs.map((entry) => {
              const n = entry.count?.(profile) ?? 0;
              return (
                <button
                  key={entry.id}
                  type="button"
                  role="tab"
                  className="customer-tabs__tab"
                  data-testid={`customer-tab-${entry.id}`}
                  aria-selected={tab === entry.id}
                  aria-controls={`customer-tab-${entry.id}`}
                  onClick={(event) => {
                    setTab(entry.id);
                    // On a narrow panel the tabs scroll: the chosen one comes fully into view.
                    event.currentTarget.scrollIntoView({ block: 'nearest', inline: 'nearest' });
                  }}
                >
                  {t(entry.label)}
                  {n > 0 && <span className="customer-tabs__count">{n}</span>}
                </button>
              );
            })}
          </div>
          <div className="customer-panel__body" role="tabpanel" id={`customer-tab-${tab}`}>
            {tab === 'profile' && <ProfileTab profile={profile} currency={cart.currency} />}
            {tab === 'history' && <HistoryTab profile={profile} currency={cart.currency} locked={locked} />}
            {tab === 'coupons' && <CouponsTab profile={profile} cart={cart} locked={locked} />}
            {tab === 'bag' && <BagTab profile={profile} cart={cart} locked={locked} onSaveBag={onSaveBag} />}
            {tab === 'offers' && <OffersTab profile={profile} cart={cart} locked={locked} />}
          </div>
        </>
      ) : (
        <div className="customer-panel__body customer-panel__status" role="status">
          {failed ? (
            <>
              <p>{t('customer.loadFailed')}</p>
              <button type="button" className="button" onClick={() => store.retryProfile()}>
                {t('customer.retry')}
              </button>
            </>
          ) : (
            <p>{t('customer.loading')}</p>
          )}
        </div>
      )}
    </section>
  );
}
