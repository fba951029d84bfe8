import type { FormEvent } from 'react';
import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/context';
import { registerTypingTarget } from '../scanner/typingTarget';
import { usePosStore } from '../state/StoreContext';

/** Manual entry of a barcode (or a receipt number); also where typing goes when nothing has focus. */
export function ScanEntry() {
  const store = usePosStore();
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    const element = input.current;
    return element ? registerTypingTarget(element) : undefined;
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const element = input.current;
    if (!element) return;
    // Read the field, not React state: the scanner guard may have replayed typing into it a moment ago.
    const code = element.value;
    element.value = '';
    element.focus();
    void store.scan(code, 'manual');
  };

  return (
    <form className="scan-entry" onSubmit={submit}>
      <label className="visually-hidden" htmlFor={id}>
        {t('checkout.scanLabel')}
      </label>
      <input
        id={id}
        ref={input}
        className="scan-entry__input"
        data-testid="scan-input"
        placeholder={t('checkout.scanPlaceholder')}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        enterKeyHint="enter"
        autoFocus
      />
      <button type="submit" className="button scan-entry__submit" data-testid="scan-submit">
        {t('checkout.add')}
      </button>
    </form>
  );
}
