import type { FormEvent } from 'react';
import { useId, useRef } from 'react';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';

export function ReceiptLookup({ initial, busy }: { initial: string; busy: boolean }) {
  const store = usePosStore();
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const receiptNo = input.current?.value.trim() ?? '';
    if (receiptNo) void store.lookupReturn(receiptNo);
  };

  return (
    <form className="receipt-lookup" onSubmit={submit}>
      <label className="receipt-lookup__label" htmlFor={id}>
        {t('returns.receiptNo')}
      </label>
      <input
        id={id}
        ref={input}
        className="receipt-lookup__input"
        data-testid="return-receipt-input"
        placeholder={t('returns.receiptPlaceholder')}
        defaultValue={initial}
        autoComplete="off"
        spellCheck={false}
        autoFocus={initial === ''}
      />
      <button type="submit" className="button button--primary" data-testid="return-lookup" disabled={busy}>
        {t('returns.lookup')}
      </button>
    </form>
  );
}
