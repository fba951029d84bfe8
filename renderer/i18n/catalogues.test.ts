import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../contract/common';
import { catalogues } from './catalogues';
import { isPluralForms } from './plural';
import { placeholdersOf } from './translate';

type Leaves = Map<string, { placeholders: string[]; pluralForms: string[] | null }>;

function leaves(node: unknown, prefix = '', into: Leaves = new Map()): Leaves {
  if (typeof node === 'string') {
    into.set(prefix, { placeholders: placeholdersOf(node).sort(), pluralForms: null });
  } else if (isPluralForms(node)) {
    const all = Object.values(node).flatMap((form) => placeholdersOf(form));
    into.set(prefix, { placeholders: [...new Set(all)].sort(), pluralForms: Object.keys(node) });
  } else {
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      leaves(child, prefix ? `${prefix}.${key}` : key, into);
    }
  }
  return into;
}

const english = leaves(catalogues.en);

describe.each(Object.entries(catalogues))('the %s catalogue', (locale, messages) => {
  const own = leaves(messages);

  it('has exactly the keys of the English one', () => {
    expect([...own.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('uses the same placeholders as English in every message', () => {
    for (const [key, { placeholders }] of english) {
      expect({ key, placeholders: own.get(key)?.placeholders }).toEqual({ key, placeholders });
    }
  });

  it('has every plural form the language needs', () => {
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [key, leaf] of own) {
      if (leaf.pluralForms)
        expect({ key, forms: leaf.pluralForms }).toEqual({ key, forms: expect.arrayContaining(needed) });
    }
  });

  it('has no empty message', () => {
    for (const key of own.keys()) {
      const value = key
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
      const texts = typeof value === 'string' ? [value] : Object.values(value as Record<string, string>);
      for (const text of texts) expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
    }
  });

  it('translates every error code of the contract', () => {
    expect(Object.keys(messages.errors).sort()).toEqual([...ErrorCode.options].sort());
  });
});
