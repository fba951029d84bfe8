import { useI18n } from '../i18n/context';
import { receiptPrintStatus } from '../state/devices';
import { usePos } from '../state/StoreContext';

/** What became of this receipt's paper copy: sent, printed, or waiting for the printer and why. */
export function ReceiptPrintStatus({ receiptNo }: { receiptNo: string }) {
  const { t, deviceProblem } = useI18n();
  const queue = usePos((state) => state.printQueue);
  const print = receiptPrintStatus(queue, receiptNo);
  if (!print) return null;
  return (
    <p
      className="receipt-print"
      data-testid="receipt-print-status"
      data-status={print.status}
      data-problem={print.problem ?? ''}
      role="status"
    >
      <span className="receipt-print__mark" aria-hidden="true" />
      {print.status === 'waiting'
        ? t('print.receiptLine.waiting', { problem: deviceProblem(print.problem) })
        : t(`print.receiptLine.${print.status}`)}
    </p>
  );
}
