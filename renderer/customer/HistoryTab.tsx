import { useState } from 'react';
import type { CustomerProfile, HistoryLine, Purchase } from '../../contract/customers';
import { useI18n } from '../i18n/context';
import { usePos, usePosStore } from '../state/StoreContext';

interface HistoryTabProps {
  profile: CustomerProfile;
  currency: string;
  locked: boolean;
}

function LineRow({ line, currency, locked }: { line: HistoryLine; currency: string; locked: boolean }) {
  const store = usePosStore();
  const { t, money, quantity, productName } = useI18n();
  const unit = line.unit;
  return (
    <li className="purchase-line" data-testid="purchase-line" data-product-id={line.productId}>
      <span className="purchase-line__name">{productName(line.names)}</span>
      <span className="purchase-line__qty">
        {quantity(line.quantityMilli, unit)} {t(unit === 'kg' ? 'units.kg' : 'units.piece')}
      </span>
      <span className="purchase-line__total">{money(line.totalMinor, currency)}</span>
      {line.inAssortment ? (
        <button
          type="button"
          className="button button--small"
          data-testid="purchase-line-add"
          disabled={locked}
          onClick={() => void store.addProduct(line.productId, line.quantityMilli)}
        >
          {t('history.addAgain')}
        </button>
      ) : (
        <span className="purchase-line__gone">{t('history.notSold')}</span>
      )}
    </li>
  );
}

function PurchaseRow({
  purchase,
  currency,
  locked,
}: {
  purchase: Purchase;
  currency: string;
  locked: boolean;
}) {
  const { t, money, date } = useI18n();
  const [open, setOpen] = useState(false);
  const linesId = `purchase-${purchase.documentNo}`;
  return (
    <li
      className="purchase"
      data-testid="purchase"
      data-document-no={purchase.documentNo}
      data-channel={purchase.channel}
    >
      <button
        type="button"
        className="purchase__head"
        data-testid="purchase-toggle"
        aria-expanded={open}
        aria-controls={linesId}
        onClick={() => setOpen((was) => !was)}
      >
        <span className="purchase__date">{date(purchase.at)}</span>
        <span className={`badge badge--${purchase.channel}`}>
          {t(`history.channels.${purchase.channel}`)}
        </span>
        <span className="purchase__where">{t('history.store', { code: purchase.storeCode })}</span>
        <span className="purchase__total">{money(purchase.totalMinor, currency)}</span>
        <span className="purchase__chevron" aria-hidden="true">
          {open ? '▴' : '▾'}
        </span>
      </button>
      {open && (
        <div id={linesId}>
          <p className="purchase__no">{t('history.document', { no: purchase.documentNo })}</p>
          <ul className="purchase__lines">
            {purchase.lines.map((line, index) => (
              <LineRow key={`${index}-${line.productId}`} line={line} currency={currency} locked={locked} />
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

/** Purchases in the store and online, newest first; each opens to its items, which can go into the cart again. */
export function HistoryTab({ profile, currency, locked }: HistoryTabProps) {
  const store = usePosStore();
  const { t } = useI18n();
  const older = usePos((state) => state.customer.olderHistory);
  const more = usePos((state) => state.customer.historyMore);
  const busy = usePos((state) => state.customer.historyBusy);
  const purchases = [...profile.history, ...older];

  if (purchases.length === 0) return <p className="customer-panel__muted">{t('history.empty')}</p>;
  return (
    <div className="history-tab">
      <ul className="purchases">
        {purchases.map((purchase) => (
          <PurchaseRow
            key={`${purchase.channel}-${purchase.documentNo}`}
            purchase={purchase}
            currency={currency}
            locked={locked}
          />
        ))}
      </ul>
      {more && (
        <button
          type="button"
          className="button history-tab__more"
          data-testid="history-more"
          disabled={busy}
          onClick={() => void store.loadOlderHistory()}
        >
          {t('history.more')}
        </button>
      )}
    </div>
  );
}
