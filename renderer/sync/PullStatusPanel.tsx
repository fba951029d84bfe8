import { useI18n } from '../i18n/context';
import { usePos } from '../state/StoreContext';
import { pulledRows } from './bootstrapView';

/** HQ's data coming down: the puller's state, its last complete update and problem, and each kind of data. */
export function PullStatusPanel() {
  const { t, moment, count, syncProblem } = useI18n();
  const pull = usePos((state) => state.sync?.pull ?? null);
  if (!pull) return null;
  const { lastError } = pull;

  return (
    <section className="sync-panel" aria-labelledby="sync-pull-title" data-testid="sync-pull">
      <h3 className="sync-panel__title" id="sync-pull-title">
        {t('sync.pull.title')}
      </h3>
      <dl className="sync-facts">
        <div className="sync-facts__row">
          <dt>{t('sync.pull.state')}</dt>
          <dd data-testid="sync-pull-state" data-state={pull.state}>
            {t(`sync.pull.states.${pull.state}`)}
          </dd>
        </div>
        <div className="sync-facts__row">
          <dt>{t('sync.pull.lastPull')}</dt>
          <dd data-testid="sync-pull-last">
            {pull.lastPullAt ? moment(pull.lastPullAt, true) : t('sync.never')}
          </dd>
        </div>
        <div className="sync-facts__row">
          <dt>{t('sync.lastError')}</dt>
          <dd data-testid="sync-pull-error" data-code={lastError?.code}>
            {lastError ? (
              <>
                <span>
                  {moment(lastError.at, true)} — {t(`sync.streams.${lastError.stream}`)}:{' '}
                  {syncProblem(lastError.code)}
                </span>
                <span className="sync-facts__details">
                  {t('sync.details', { code: lastError.code, message: lastError.message })}
                </span>
              </>
            ) : (
              t('sync.none')
            )}
          </dd>
        </div>
      </dl>
      {pull.streams.length === 0 ? (
        <p className="sync-panel__hint">{t('sync.pull.nothingYet')}</p>
      ) : (
        <table className="sync-streams">
          <thead>
            <tr>
              <th scope="col">{t('sync.pull.data')}</th>
              <th scope="col">{t('sync.pull.items')}</th>
              <th scope="col">{t('sync.pull.updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {pulledRows(pull).map((entry) => (
              <tr
                key={entry.stream}
                data-testid="sync-pull-stream"
                data-stream={entry.stream}
                data-items={entry.items}
              >
                <th scope="row">{t(`sync.streams.${entry.stream}`)}</th>
                <td>{count(entry.items)}</td>
                <td>{moment(entry.appliedAt, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
