export type KeypadKey =
  '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | 'decimal' | 'erase' | 'clear';

export interface KeypadRules {
  /** Digits allowed after the decimal mark; 0 for whole numbers and PINs. */
  decimals: number;
  /** The locale's decimal mark, shown on the key and written into the value. */
  separator: string;
  maxLength: number;
}

/** The field's new text after an on-screen key; keys that would make it invalid change nothing. */
export function applyKeypadKey(value: string, key: KeypadKey, rules: KeypadRules): string {
  if (key === 'clear') return '';
  if (key === 'erase') return value.slice(0, -1);
  const decimalAt = value.search(/[.,]/);
  if (key === 'decimal') {
    if (rules.decimals === 0 || decimalAt >= 0) return value;
    return `${value || '0'}${rules.separator}`;
  }
  if (decimalAt >= 0 && value.length - decimalAt - 1 >= rules.decimals) return value;
  let next = value === '0' || value === '' ? key.replace(/^0+(?=.)/, '') : value + key;
  if (decimalAt >= 0) next = next.slice(0, decimalAt + 1 + rules.decimals);
  return next.length > rules.maxLength ? value : next;
}
