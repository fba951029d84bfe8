import { useState } from 'react';
import { lightGlyph } from '../devices/DeviceIndicators';
import { useI18n } from '../i18n/context';
import { syncLight } from '../state/sync';
import { usePos, usePosStore } from '../state/StoreContext';
import { syncStateText } from './syncWords';

/** The state of the link, the queue, the last success and problem, the next attempt, and Retry now. */
export function SyncStatusPanel() {
  const store = usePosStore();
  const i18n = useI18n();
  const { t, moment, count, syncProblem } = i18n;
  const sync = usePos((state) => state.sync);
  const [retrying, setRetrying] = useState(false);
  if (!sync) return <section className="sync-panel" aria-busy="true" />;

  const light = syncLight(sync);
  const { lastError } = sync;
  const retry = async () => {
    setRetrying(true);
    await store.retrySync();
    setRetrying(false);
  };

  return (
    <section className="sync-panel" aria-labelledby="sync-state">
      <p
        className="sync-state"
        id="sync-state"
        data-testid="sync-state"
        data-state={sync.state}
        data-light={light}
      >
        <span className="sync-state__light" aria-hidden="true">
          {lightGlyph[light]}
        </span>
        <span>{syncStateText(i18n, sync)}</span>
      </p>
      <dl className="sync-facts">
        <div className="sync-facts__row">
          <dt>{t('sync.hqUrl')}</dt>
          <dd className="sync-facts__address" data-testid="sync-hq-address">
            {sync.hqUrl ?? t('sync.notEnrolled')}
          </dd>
        </div>
        <div className="sync-facts__row">
          <dt>{t('sync.queueDepth')}</dt>
          <dd className="sync-facts__count" data-testid="sync-queue-depth" data-count={sync.queueDepth}>
            {count(sync.queueDepth)}
          </dd>
        </div>
        <div className="sync-facts__row">
          <dt>{t('sync.lastSuccess')}</dt>
          <dd data-testid="sync-last-success">
            {sync.lastSuccessAt ? moment(sync.lastSuccessAt, true) : t('sync.never')}
          </dd>
        </div>
        <div className="sync-facts__row">
          <dt>{t('sync.lastError')}</dt>
          <dd data-testid="sync-last-error" data-code={lastError?.code}>
            {lastError ? (
              <>
                <span>
                  {moment(lastError.at, true)} — {syncProblem(lastError.code)}
                </span>
                <span className="sync-facts__details" data-testid="sync-error-details">
                  {t('sync.details', { code: lastError.code, message: lastError.message })}
                </span>
              </>
            ) : (
              t('sync.none')
            )}
          </dd>
        </div>
        <div className="sync-facts__row">
          <dt>{t('sync.nextAttempt')}</dt>
          <dd data-testid="sync-next-attempt">
            {sync.nextAttemptAt ? moment(sync.nextAttemptAt, true) : t('sync.notScheduled')}
          </dd>
        </div>
      </dl>
      <button
        type="button"
        className="button button--primary button--large"
        data-testid="sync-retry"
        disabled={retrying || sync.state === 'not-enrolled'}
        onClick={() => void retry()}
      >
        {t('sync.retryNow')}
      </button>
    </section>
  );
}
