import { useI18n } from '../i18n/context';
import { usePos, usePosStore } from '../state/StoreContext';

export function BootScreen() {
  const store = usePosStore();
  const { t } = useI18n();
  const failed = usePos((state) => state.bootFailed);
  return (
    <div className="boot" aria-busy={!failed}>
      <p className="boot__text">{t('app.connecting')}</p>
      {failed && (
        <button type="button" className="button button--primary" onClick={() => void store.retryBoot()}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
