import type { FormEvent } from 'react';
import { useId, useRef, useState } from 'react';
import type { CartLine } from '../../contract/ipc';
import { Dialog } from '../components/Dialog';
import { Keypad } from '../components/Keypad';
import type { KeypadKey } from '../components/keypadInput';
import { applyKeypadKey } from '../components/keypadInput';
import { useI18n } from '../i18n/context';
import { decimalSeparator, editableQuantity } from '../i18n/format';
import { parseQuantity } from '../i18n/parse';
import { usePosStore } from '../state/StoreContext';

interface QuantityDialogProps {
  line: CartLine;
  onClose(): void;
}

export function QuantityDialog({ line, onClose }: QuantityDialogProps) {
  const store = usePosStore();
  const { t, locale, productName } = useI18n();
  const separator = line.unit === 'kg' ? decimalSeparator(locale) : null;
  const [value, setValue] = useState(() => editableQuantity(line.quantityMilli, line.unit, locale));
  /** The first key replaces the current quantity instead of appending to it. */
  const [fresh, setFresh] = useState(true);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();

  const onKey = (key: KeypadKey) => {
    const rules = { decimals: line.unit === 'kg' ? 3 : 0, separator: separator ?? '.', maxLength: 9 };
    setValue((current) => applyKeypadKey(fresh && key !== 'erase' ? '' : current, key, rules));
    setFresh(false);
  };

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const quantityMilli = parseQuantity(input.current?.value ?? value, line.unit);
    if (quantityMilli === null) {
      store.reportLocal('BAD_QUANTITY', 'not a positive quantity for this unit');
      input.current?.select();
      return;
    }
    setBusy(true);
    const saved = await store.setQuantity(line.id, quantityMilli);
    setBusy(false);
    if (saved) onClose();
  };

  return (
    <Dialog
      title={`${t('checkout.qtyTitle')}: ${productName(line.names)}`}
      onClose={onClose}
      testId="qty-dialog"
    >
      <form className="qty-form" onSubmit={save}>
        <input
          ref={input}
          className="qty-form__input"
          data-testid="qty-input"
          inputMode={line.unit === 'kg' ? 'decimal' : 'numeric'}
          autoComplete="off"
          aria-label={t('checkout.qtyTitle')}
          aria-describedby={hintId}
          value={value}
          autoFocus
          onFocus={(event) => event.target.select()}
          onChange={(event) => {
            setFresh(false);
            setValue(event.target.value);
          }}
        />
        <p className="qty-form__hint" id={hintId}>
          {t(line.unit === 'kg' ? 'checkout.qtyKg' : 'checkout.qtyPieces')}
        </p>
        <Keypad onKey={onKey} separator={separator} disabled={busy} />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" data-testid="qty-save" disabled={busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
