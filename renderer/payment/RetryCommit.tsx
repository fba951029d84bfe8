import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';

export function RetryCommit({ busy }: { busy: boolean }) {
  const store = usePosStore();
  const { t } = useI18n();
  return (
    <div className="retry-commit" role="status">
      <p>{t('payment.retryText')}</p>
      <button
        type="button"
        className="button button--primary button--large"
        data-testid="retry-commit"
        disabled={busy}
        onClick={() => void store.retryCommit()}
      >
        {t('payment.retry')}
      </button>
    </div>
  );
}
