// Preferences typed at enrolment ("shoe size" = "38") become the attributes main stores: keys are
// short lower-case words (main refuses others with BAD_ATTRIBUTE), values free text.
export interface PreferenceRow {
  key: string;
  value: string;
}

const KEY = /^[a-z][a-z0-9_.-]{0,39}$/;
const MAX_VALUE = 200;

/** "Shoe size " → "shoe_size": what a cashier types, as main's attribute key. */
export const attributeKey = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, '_');

/** Rows with a key or a value; blank rows are dropped. */
const filled = (rows: readonly PreferenceRow[]) =>
  rows.filter((row) => row.key.trim() !== '' || row.value.trim() !== '');

/** Indexes of the rows main would refuse: a key that is not a short Latin word, no value, or too long a value. */
export function invalidPreferences(rows: readonly PreferenceRow[]): number[] {
  return rows.flatMap((row, index) => {
    if (row.key.trim() === '' && row.value.trim() === '') return [];
    const value = row.value.trim();
    return KEY.test(attributeKey(row.key)) && value !== '' && value.length <= MAX_VALUE ? [] : [index];
  });
}

/** The rows as the contract's `attributes`, or undefined when there are none. The last row wins a repeated key. */
export function preferencesInput(rows: readonly PreferenceRow[]): Record<string, string> | undefined {
  const entries = filled(rows).map((row) => [attributeKey(row.key), row.value.trim()] as const);
  return entries.length ? Object.fromEntries(entries) : undefined;
}
