// The chain around the demo store, as HQ names it: other stores (4-digit codes like the config's) and
// the online shops, and the document numbers each of them prints.
import { formatReceiptNo } from '../../domain/receipt';
import { Stream, digits, seedOffset } from './prng';

// 0007 first: Анна Иванова shops there (demo-customers.ts) unless it is this store itself.
const chainStores = ['0007', '0002', '0004', '0012', '0015', '0001'];
export const onlineShops = ['WEB', 'APP'] as const;

/** The chain's stores other than this one, the one nearest first. */
export const otherStores = (ownCode: string): string[] => chainStores.filter((code) => code !== ownCode);

// Document numbers are a bijection of each shop's counter, so they never repeat within a shop.
const SEQUENCE_SPACE = 10_000_000;
const SCRAMBLE = 7_654_321;

/**
 * The `n`th document (from 0) of a store or online shop: a receipt number of one of its terminals, or
 * an order number such as WEB-004518273.
 */
export function chainDocumentNo(seed: number, shop: string, n: number, terminal: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= SEQUENCE_SPACE) throw new RangeError(`no document #${n}`);
  const seq = 1 + ((SCRAMBLE * n + (seedOffset(seed, Stream.history) % SEQUENCE_SPACE)) % SEQUENCE_SPACE);
  if (/^\d{4}$/.test(shop)) return formatReceiptNo(shop, digits(terminal, 2), seq, 'sale');
  return `${shop}-${digits(seq, 9)}`;
}
