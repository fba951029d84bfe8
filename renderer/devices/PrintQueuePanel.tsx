import type { PrintJobView } from '../../contract/devices';
import { useI18n } from '../i18n/context';
import { usePos, usePosStore } from '../state/StoreContext';

function PrintJob({ job }: { job: PrintJobView }) {
  const { t, deviceProblem, dateTime } = useI18n();
  return (
    <li
      className="print-job"
      data-testid="print-job"
      data-status={job.status}
      data-kind={job.kind}
      data-receipt-no={job.receiptNo}
    >
      <div className="print-job__what">
        <strong>{t('print.receipt', { receiptNo: job.receiptNo })}</strong>
        <span className="device-row__muted">
          {t(`print.kinds.${job.kind}`)} · {dateTime(job.createdAt)}
        </span>
      </div>
      <div className="print-job__how">
        <span className="print-job__status" data-status={job.status}>
          {t(`print.statuses.${job.status}`)}
        </span>
        <span className="device-row__muted">{t('print.attempts', { count: job.attempts })}</span>
        {job.lastProblem && (
          <span className="print-job__problem">
            {t('print.lastProblem', { problem: deviceProblem(job.lastProblem) })}
          </span>
        )}
      </div>
    </li>
  );
}

export function PrintQueuePanel() {
  const store = usePosStore();
  const { t } = useI18n();
  const queue = usePos((state) => state.printQueue);
  const reprinting = usePos((state) => state.reprinting);

  return (
    <section className="devices-panel print-queue" aria-labelledby="print-queue-title">
      <h3 className="devices-panel__title" id="print-queue-title">
        {t('print.title')}
      </h3>
      <div className="print-queue__head">
        <p className="print-queue__count">
          {t('print.queued')}{' '}
          <strong data-testid="print-queued" data-count={queue?.queued}>
            {queue ? queue.queued : '…'}
          </strong>
        </p>
        <button
          type="button"
          className="button"
          data-testid="reprint-last"
          disabled={reprinting}
          onClick={() => void store.reprintLast()}
        >
          {t('print.reprintLast')}
        </button>
      </div>
      {queue && queue.recent.length === 0 ? (
        <p className="devices-panel__hint">{t('print.none')}</p>
      ) : (
        <ol className="print-jobs">
          {queue?.recent.map((job) => (
            <PrintJob key={job.id} job={job} />
          ))}
        </ol>
      )}
    </section>
  );
}
