import { useState } from 'react';
import { useI18n } from '../i18n/context';
import { usePos, usePosStore } from '../state/StoreContext';
import { barOf, bootstrapRows, receivedMegabytes, stoppedAt } from './bootstrapView';

/**
 * A new till's first download from HQ: a bar per kind of data, what was received, how often it went
 * on after a cut, and — when it stopped — why, with Retry. Shown until the till is ready.
 */
export function BootstrapPanel() {
  const store = usePosStore();
  const { t, count, syncProblem } = useI18n();
  const bootstrap = usePos((state) => state.sync?.bootstrap ?? null);
  const [retrying, setRetrying] = useState(false);
  if (!bootstrap || bootstrap.phase === 'done') return null;

  const failed = bootstrap.phase === 'failed';
  const stream = stoppedAt(bootstrap);
  const retry = async () => {
    setRetrying(true);
    await store.retrySync();
    setRetrying(false);
  };

  return (
    <section
      className="sync-panel sync-bootstrap"
      aria-labelledby="sync-bootstrap-title"
      data-testid="sync-bootstrap"
      data-phase={bootstrap.phase}
    >
      <h3 className="sync-panel__title" id="sync-bootstrap-title">
        {t('sync.bootstrap.title')}
      </h3>
      <p className="sync-bootstrap__phase" role="status" data-testid="sync-bootstrap-phase">
        {t(`sync.bootstrap.phases.${bootstrap.phase}`)}
      </p>
      <ul className="sync-bootstrap__streams">
        {bootstrapRows(bootstrap).map((row) => {
          const label = t(`sync.streams.${row.stream}`);
          return (
            <li
              key={row.stream}
              className="sync-bootstrap__stream"
              data-testid="sync-bootstrap-stream"
              data-stream={row.stream}
              data-state={row.state}
              data-done={row.done}
            >
              <span className="sync-bootstrap__name">{label}</span>
              {row.state === 'waiting' ? (
                <span className="sync-bootstrap__count">{t('sync.bootstrap.waiting')}</span>
              ) : (
                <span className="sync-bootstrap__count">
                  {row.expected === null
                    ? count(row.done)
                    : t('sync.bootstrap.progress', { done: count(row.done), expected: count(row.expected) })}
                </span>
              )}
              <progress className="sync-bootstrap__bar" aria-label={label} {...barOf(row)} />
            </li>
          );
        })}
      </ul>
      <p className="sync-panel__hint" data-testid="sync-bootstrap-received">
        {t('sync.bootstrap.received', { size: count(receivedMegabytes(bootstrap.bytes)) })}
        {bootstrap.resumes > 0 && (
          <>
            {' · '}
            <span data-testid="sync-bootstrap-resumes" data-count={bootstrap.resumes}>
              {t('sync.bootstrap.resumes', { count: bootstrap.resumes })}
            </span>
          </>
        )}
      </p>
      {failed && (
        <div className="sync-bootstrap__failure">
          <p
            className="sync-bootstrap__error"
            role="alert"
            data-testid="sync-bootstrap-error"
            data-code={bootstrap.error?.code}
          >
            {stream
              ? t('sync.bootstrap.stopped', {
                  stream: t(`sync.streams.${stream}`),
                  problem: syncProblem(bootstrap.error?.code ?? ''),
                })
              : syncProblem(bootstrap.error?.code ?? '')}
          </p>
          {bootstrap.error && (
            <p className="sync-facts__details">
              {t('sync.details', { code: bootstrap.error.code, message: bootstrap.error.message })}
            </p>
          )}
          <p className="sync-panel__hint">{t('sync.bootstrap.keeps')}</p>
          <button
            type="button"
            className="button button--primary"
            data-testid="sync-bootstrap-retry"
            disabled={retrying}
            onClick={() => void retry()}
          >
            {t('sync.bootstrap.retry')}
          </button>
        </div>
      )}
    </section>
  );
}
