import { useEscape } from '../components/escape';
import { useI18n } from '../i18n/context';
import { usePos, usePosStore } from '../state/StoreContext';
import { ReceiptLookup } from './ReceiptLookup';
import { ReturnSelection } from './ReturnSelection';
import './returns.css';

export function ReturnScreen() {
  const store = usePosStore();
  const { t } = useI18n();
  const returns = usePos((state) => state.returns);
  useEscape(() => store.closeReturns(), !returns.busy);

  return (
    <div className="returns" data-testid="return-screen">
      <header className="returns__head">
        <h2 className="returns__title">{t('returns.title')}</h2>
        <ReceiptLookup key={returns.query} initial={returns.query} busy={returns.busy} />
        <button type="button" className="button" onClick={() => store.closeReturns()} disabled={returns.busy}>
          {t('returns.close')}
        </button>
      </header>
      {returns.sale ? (
        <ReturnSelection key={returns.sale.saleId} sale={returns.sale} busy={returns.busy} />
      ) : (
        <p className="returns__hint">{t('returns.hint')}</p>
      )}
    </div>
  );
}
