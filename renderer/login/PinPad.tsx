import type { FormEvent } from 'react';
import { useRef, useState } from 'react';
import type { User } from '../../contract/ipc';
import { Keypad } from '../components/Keypad';
import type { KeypadKey } from '../components/keypadInput';
import { applyKeypadKey } from '../components/keypadInput';
import { useEscape } from '../components/escape';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';

const pinRules = { decimals: 0, separator: '.', maxLength: 8 };
const pinShape = /^\d{4,8}$/;

interface PinPadProps {
  user: User;
  onBack(): void;
}

export function PinPad({ user, onBack }: PinPadProps) {
  const store = usePosStore();
  const { t, errorText } = useI18n();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEscape(onBack, !busy);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    // The field may have just received typing replayed by the scanner guard: read the field itself.
    const value = input.current?.value ?? pin;
    if (busy) return;
    if (!pinShape.test(value)) {
      setFailure(errorText({ code: 'BAD_PIN' }));
      store.reportLocal('BAD_PIN', 'a PIN has 4 to 8 digits');
      return;
    }
    setBusy(true);
    const result = await store.login(user.id, value);
    setBusy(false);
    if (!result.ok) {
      setFailure(errorText(result.error));
      setPin('');
      input.current?.focus();
    }
  };

  const onKey = (key: KeypadKey) => {
    setFailure(null);
    setPin((current) => applyKeypadKey(current, key, pinRules));
  };

  return (
    <form className="pin-pad" onSubmit={submit}>
      <h2 className="login__title">{t('login.pinFor', { name: user.name })}</h2>
      <input
        ref={input}
        className="pin-pad__input"
        data-testid="pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        aria-label={t('login.pin')}
        aria-invalid={failure !== null}
        autoFocus
        value={pin}
        readOnly={busy}
        onChange={(event) => {
          setFailure(null);
          setPin(event.target.value.replace(/\D/g, '').slice(0, 8));
        }}
      />
      <p className="pin-pad__error" role="status">
        {failure}
      </p>
      <Keypad onKey={onKey} separator={null} disabled={busy} />
      <div className="pin-pad__actions">
        <button type="button" className="button" onClick={onBack} disabled={busy}>
          {t('login.otherUser')}
        </button>
        <button type="submit" className="button button--primary" data-testid="pin-submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </div>
    </form>
  );
}
