import type { FormEvent } from 'react';
import { useId, useRef, useState } from 'react';
import { Keypad } from '../components/Keypad';
import type { KeypadKey } from '../components/keypadInput';
import { applyKeypadKey } from '../components/keypadInput';
import { useI18n } from '../i18n/context';
import { currencyDigits, decimalSeparator, editableMoney } from '../i18n/format';
import { parseMoney } from '../i18n/parse';
import { usePosStore } from '../state/StoreContext';
import { quickCashAmounts } from './quickCash';

interface AmountEntryProps {
  dueMinor: number;
  currency: string;
  busy: boolean;
}

/** The amount field, pre-filled with the due, with keypad, quick cash and the Cash and Card buttons. */
export function AmountEntry({ dueMinor, currency, busy }: AmountEntryProps) {
  const store = usePosStore();
  const { t, locale, money } = useI18n();
  const separator = decimalSeparator(locale);
  const digits = currencyDigits(currency);
  const [text, setText] = useState(() => editableMoney(dueMinor, currency, locale));
  /** The first key replaces the pre-filled due instead of appending to it. */
  const [fresh, setFresh] = useState(true);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  const amount = parseMoney(text, currency);
  const payable = amount !== null && amount > 0 && !busy;
  // Read the field, not React state: the scanner guard may have replayed typing into it a moment ago.
  const typedAmount = () => parseMoney(input.current?.value ?? text, currency);

  const onKey = (key: KeypadKey) => {
    const rules = { decimals: digits, separator, maxLength: 14 };
    setText((current) => applyKeypadKey(fresh && key !== 'erase' ? '' : current, key, rules));
    setFresh(false);
  };

  const payCash = (event?: FormEvent) => {
    event?.preventDefault();
    const received = typedAmount();
    if (received !== null && received > 0) void store.payCash(received);
  };
  const payCard = () => {
    const part = typedAmount();
    if (part !== null && part > 0) void store.payCard(part);
  };

  return (
    <form className="amount-entry" onSubmit={payCash}>
      <label className="amount-entry__label" htmlFor={id}>
        {t('payment.amount')}
      </label>
      <input
        id={id}
        ref={input}
        className="amount-entry__input"
        data-testid="amount-input"
        inputMode="decimal"
        autoComplete="off"
        aria-invalid={amount === null}
        value={text}
        autoFocus
        onFocus={(event) => event.target.select()}
        onChange={(event) => {
          setFresh(false);
          setText(event.target.value);
        }}
      />
      {amount === null && <p className="amount-entry__hint">{t('payment.amountHint')}</p>}
      <div className="amount-entry__body">
        <Keypad onKey={onKey} separator={digits > 0 ? separator : null} disabled={busy} />
        <div className="quick-cash" role="group" aria-label={t('payment.quickCash')}>
          <button
            type="button"
            className="button quick-cash__button"
            data-testid="cash-exact"
            disabled={busy}
            onClick={() => void store.payCash(dueMinor)}
          >
            {t('payment.exact')}
          </button>
          {quickCashAmounts(dueMinor, currency).map((note) => (
            <button
              key={note}
              type="button"
              className="button quick-cash__button"
              data-testid="cash-quick"
              disabled={busy}
              onClick={() => void store.payCash(note)}
            >
              {money(note, currency)}
            </button>
          ))}
        </div>
      </div>
      <div className="amount-entry__tenders">
        <button type="submit" className="button button--cash" data-testid="pay-cash" disabled={!payable}>
          {t('payment.cash')}
        </button>
        <button
          type="button"
          className="button button--card"
          data-testid="pay-card"
          disabled={!payable}
          onClick={payCard}
        >
          {t('payment.card')}
        </button>
      </div>
    </form>
  );
}
