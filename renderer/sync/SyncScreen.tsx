import { useEscape } from '../components/escape';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';
import { BootstrapPanel } from './BootstrapPanel';
import { EnrolPanel } from './EnrolPanel';
import { PullStatusPanel } from './PullStatusPanel';
import { SyncStatusPanel } from './SyncStatusPanel';
import './sync.css';

/**
 * The till's link to HQ for staff: what waits, what went wrong, retry now; a new till's first
 * download; what comes down from HQ; enrolment for a manager.
 */
export function SyncScreen() {
  const store = usePosStore();
  const { t } = useI18n();
  useEscape(() => store.closeSync());

  return (
    <div className="sync" data-testid="sync-screen">
      <header className="sync__head">
        <h2 className="sync__title">{t('sync.title')}</h2>
        <button type="button" className="button" data-testid="sync-back" onClick={() => store.closeSync()}>
          {t('sync.back')}
        </button>
      </header>
      <div className="sync__body">
        <div className="sync__column">
          <BootstrapPanel />
          <SyncStatusPanel />
          <PullStatusPanel />
        </div>
        <EnrolPanel />
      </div>
    </div>
  );
}
