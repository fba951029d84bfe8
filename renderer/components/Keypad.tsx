import type { PointerEvent } from 'react';
import { useI18n } from '../i18n/context';
import type { KeypadKey } from './keypadInput';
import './keypad.css';

interface KeypadProps {
  onKey(key: KeypadKey): void;
  /** The decimal mark to offer, or null for whole numbers. */
  separator: string | null;
  disabled?: boolean;
}

const digitRows: KeypadKey[][] = [
  ['7', '8', '9'],
  ['4', '5', '6'],
  ['1', '2', '3'],
];

// Tapping a key must not take focus from the field, so a physical keyboard keeps typing into it.
const keepFocus = (event: PointerEvent) => event.preventDefault();

export function Keypad({ onKey, separator, disabled = false }: KeypadProps) {
  const { t } = useI18n();
  const key = (value: KeypadKey, label: string, className = '', ariaLabel?: string) => (
    <button
      key={value}
      type="button"
      className={`keypad__key ${className}`}
      onPointerDown={keepFocus}
      onClick={() => onKey(value)}
      disabled={disabled}
      aria-label={ariaLabel}
    >
      {label}
    </button>
  );
  return (
    <div className="keypad">
      {digitRows.flat().map((digit) => key(digit, digit))}
      {separator === null ? key('00', '00') : key('decimal', separator, 'keypad__key--mark')}
      {key('0', '0')}
      {key('erase', '⌫', 'keypad__key--erase', t('common.erase'))}
      {key('clear', t('common.clear'), 'keypad__key--clear')}
    </div>
  );
}
