import { useI18n } from '../i18n/context';
import { usePos, usePosStore } from '../state/StoreContext';
import { Receipt } from './Receipt';
import { ReceiptPrintStatus } from './ReceiptPrintStatus';

export function ReceiptScreen() {
  const store = usePosStore();
  const { t } = useI18n();
  const receipt = usePos((state) => state.receipt);
  const reprinting = usePos((state) => state.reprinting);
  return (
    <div className="receipt-screen" data-testid="receipt-view">
      <div className="receipt-screen__paper">{receipt && <Receipt receipt={receipt} />}</div>
      <div className="receipt-screen__side">
        <button
          type="button"
          className="button button--pay"
          data-testid="new-sale"
          autoFocus
          onClick={() => store.newSale()}
        >
          {t('receipt.newSale')}
        </button>
        <p className="receipt-screen__hint">{t('receipt.scanNext')}</p>
        {receipt && <ReceiptPrintStatus receiptNo={receipt.receiptNo} />}
        <button
          type="button"
          className="button"
          data-testid="reprint-receipt"
          disabled={reprinting}
          onClick={() => void store.reprintLast()}
        >
          {t('print.reprint')}
        </button>
      </div>
    </div>
  );
}
