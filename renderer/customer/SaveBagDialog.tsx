import { useState } from 'react';
import type { Cart } from '../../contract/ipc';
import { Dialog } from '../components/Dialog';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';

/** Puts the cart's lines, all or the ones ticked, in the customer's bag for later. */
export function SaveBagDialog({ cart, onClose }: { cart: Cart; onClose(): void }) {
  const store = usePosStore();
  const { t, money, quantity, productName } = useI18n();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(cart.lines.map((line) => line.id)));
  const [busy, setBusy] = useState(false);
  const lines = cart.lines.filter((line) => chosen.has(line.id));

  const toggle = (lineId: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(lineId);
      else next.delete(lineId);
      return next;
    });

  const save = async () => {
    if (busy || lines.length === 0) return;
    setBusy(true);
    // All lines: say nothing, so a line scanned meanwhile is kept too.
    const saved = await store.saveBag(
      lines.length === cart.lines.length ? undefined : lines.map((line) => line.id),
    );
    setBusy(false);
    if (saved) onClose();
  };

  return (
    <Dialog title={t('bag.saveTitle')} onClose={onClose} testId="bag-save-dialog" wide>
      <p className="dialog__text">{t('bag.saveHint')}</p>
      <ul className="bag-save">
        {cart.lines.map((line) => {
          const name = productName(line.names);
          return (
            <li key={line.id}>
              <label className="check bag-save__line" data-testid="bag-save-line" data-barcode={line.barcode}>
                <input
                  type="checkbox"
                  data-testid="bag-save-select"
                  aria-label={t('bag.saveSelect', { name })}
                  checked={chosen.has(line.id)}
                  onChange={(event) => toggle(line.id, event.target.checked)}
                />
                <span className="bag-save__name">{name}</span>
                <span className="customer-panel__muted">
                  {quantity(line.quantityMilli, line.unit)}{' '}
                  {t(line.unit === 'kg' ? 'units.kg' : 'units.piece')}
                </span>
                <span>{money(line.totalMinor, cart.currency)}</span>
              </label>
            </li>
          );
        })}
      </ul>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="bag-save-confirm"
          disabled={busy || lines.length === 0}
          onClick={() => void save()}
        >
          {t('bag.saveConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
