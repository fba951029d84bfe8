// How a demo sale was paid, as the till takes tenders (domain/tender.ts): by card, in cash with
// change from a round sum, or a card part and the rest in cash.
import type { PaymentRecord } from '../sales';
import type { Rng } from './prng';
import { digits, intBetween, weightedPicker } from './prng';

// Cash as customers hand it over: exact money, or the next round sum a note or two makes.
// prettier-ignore
const pickCashRounding = weightedPicker(
  [[0, 25], [1000, 15], [5000, 15], [10000, 20], [50000, 10], [100000, 10], [500000, 5]] as const,
  ([, weight]) => weight,
);
function cashReceived(rng: Rng, due: number): number {
  const [unit] = pickCashRounding(rng);
  return unit === 0 ? due : Math.ceil(due / unit) * unit;
}

function cardApproval(rng: Rng) {
  return {
    cardMasked: `**** ${digits(intBetween(rng, 0, 9999), 4)}`,
    authCode: digits(intBetween(rng, 0, 999_999), 6),
    // The acquirer's retrieval reference number (RRN): 12 digits.
    terminalRef: `${digits(intBetween(rng, 0, 999_999), 6)}${digits(intBetween(rng, 0, 999_999), 6)}`,
  };
}

/**
 * Tenders as the till takes them (domain/tender.ts): a card pays exactly its amount; cash settles the
 * rest and alone gives change. A split sale is a card part first, then cash.
 */
export function payments(rng: Rng, idOf: (n: number) => string, total: number): PaymentRecord[] {
  const card = (n: number, amountMinor: number): PaymentRecord => ({
    id: idOf(n),
    kind: 'card',
    amountMinor,
    receivedMinor: null,
    changeMinor: null,
    ...cardApproval(rng),
  });
  const cash = (n: number, due: number): PaymentRecord => {
    const received = cashReceived(rng, due);
    return {
      id: idOf(n),
      kind: 'cash',
      amountMinor: due,
      receivedMinor: received,
      changeMinor: received - due,
      cardMasked: null,
      authCode: null,
      terminalRef: null,
    };
  };
  const kind = rng();
  if (kind < 0.52) return [card(1, total)];
  if (kind < 0.95 || total < 20_000) return [cash(1, total)];
  const cardPart = Math.max(100, Math.round((total * (0.3 + 0.5 * rng())) / 100) * 100);
  return cardPart >= total ? [card(1, total)] : [card(1, cardPart), cash(2, total - cardPart)];
}
