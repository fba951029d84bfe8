import { useState } from 'react';
import { Dialog } from '../components/Dialog';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';

export function VoidDialog({ itemCount, onClose }: { itemCount: number; onClose(): void }) {
  const store = usePosStore();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    const voided = await store.voidCart();
    setBusy(false);
    if (voided) onClose();
  };

  return (
    <Dialog title={t('checkout.voidTitle')} onClose={onClose}>
      <p className="dialog__text">{t('checkout.voidText', { count: itemCount })}</p>
      <div className="dialog__actions">
        {/* Cancel takes focus: an Enter pressed by habit must not empty the cart. */}
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="button button--danger"
          data-testid="void-confirm"
          disabled={busy}
          onClick={() => void confirm()}
        >
          {t('checkout.voidConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
