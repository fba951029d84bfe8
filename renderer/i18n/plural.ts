// A message that depends on a count. Categories are CLDR's (Intl.PluralRules): English needs
// one/other, Russian one/few/many/other, Chinese only other.
export type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;

export const plural = (forms: PluralForms): PluralForms => forms;

const categories: ReadonlySet<string> = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

export const isPluralForms = (value: unknown): value is PluralForms =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { other?: unknown }).other === 'string' &&
  Object.keys(value).every((key) => categories.has(key));
