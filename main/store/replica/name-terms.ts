// The name index text of domain/customer-identity.ts nameSearchText, with each word's spellings
// remembered: romanising a word twice is most of the cost of indexing a name, and a million customers
// share a few tens of thousands of first names and surnames. name-terms.test.ts holds it to
// nameSearchText's output.
import { spellings, words } from '../../domain/customer-identity';

/** Words remembered at most; past it the memory starts again (a chain's vocabulary fits well within). */
const MAX_WORDS = 200_000;

export function createNameTerms(): (name: string) => string {
  const known = new Map<string, string[]>();
  return (name) => {
    const terms = new Set<string>();
    for (const word of words(name)) {
      let forms = known.get(word);
      if (forms === undefined) {
        if (known.size >= MAX_WORDS) known.clear();
        forms = spellings(word);
        known.set(word, forms);
      }
      for (const form of forms) terms.add(form);
    }
    return [...terms].join(' ');
  };
}
