import type { Cart } from '../../contract/ipc';
import { useEscape } from '../components/escape';
import { useI18n } from '../i18n/context';
import { usePos, usePosStore } from '../state/StoreContext';
import { canRetryCommit } from '../state/types';
import { AmountEntry } from './AmountEntry';
import { CardProgress } from './CardProgress';
import { RetryCommit } from './RetryCommit';
import { TenderList } from './TenderList';
import './payment.css';

export function PayPanel({ cart }: { cart: Cart }) {
  const store = usePosStore();
  const { t, money } = useI18n();
  const payment = usePos((state) => state.payment);
  const retry = usePos(canRetryCommit);
  const busy = payment.busy !== null;
  const hasTenders = cart.tenders.length > 0;
  useEscape(() => store.closePay(), !busy && !hasTenders);

  return (
    <section className="pay-panel" data-testid="pay-panel" aria-busy={busy}>
      <h2 className="pay-panel__title">{t('payment.title')}</h2>
      <div className="pay-panel__due">
        <span>{t('payment.due')}</span>
        <span className="pay-panel__due-amount" data-testid="due-amount">
          {money(cart.dueMinor, cart.currency)}
        </span>
      </div>
      {hasTenders && (
        <div className="pay-panel__paid">
          <span>{t('payment.paid')}</span>
          <span>{money(cart.paidMinor, cart.currency)}</span>
        </div>
      )}
      <TenderList tenders={cart.tenders} currency={cart.currency} />
      {payment.busy === 'card' && <CardProgress stage={payment.stage} />}
      {retry ? (
        <RetryCommit busy={busy} />
      ) : (
        // Keyed by the due: after a part payment the field is filled with what is left.
        <AmountEntry key={cart.dueMinor} dueMinor={cart.dueMinor} currency={cart.currency} busy={busy} />
      )}
      <button
        type="button"
        className="button pay-panel__back"
        data-testid="pay-cancel"
        disabled={busy}
        onClick={() => (hasTenders ? void store.cancelPayment() : store.closePay())}
      >
        {hasTenders ? t('payment.cancelPayment') : t('payment.back')}
      </button>
    </section>
  );
}
