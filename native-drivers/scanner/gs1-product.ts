// What a till needs from a GS1 element string on a trade item: the GTIN to find the product, and the
// variable facts printed with it — net weight (310n), price (392n), expiry (17), batch (10), serial (21).
import { gs1DateToIso } from './gs1-date';
import { gs1Value } from './gs1';
import type { Gs1ElementString } from './gs1';
import { catalogueGtin } from './gtin';

export interface Gs1Product {
  /** The catalogue key (see catalogueGtin): 13 digits for a unit GTIN-14 with indicator 0. */
  gtin: string;
  /** AI 01 as printed, 14 digits. */
  gtin14: string;
  /** AI 310n in grams (a whole number: values finer than a gram are rounded half up). */
  netWeightGrams: number | null;
  /** AI 392n: the price in the store's currency as an integer and its number of decimals. */
  price: { units: number; decimals: number } | null;
  /** AI 17 as YYYY-MM-DD; a day of 00 is the month's last day. */
  expiry: string | null;
  batch: string | null;
  serial: string | null;
  /** The element string, raw and canonical, for marking-code checks and the fiscal receipt. */
  gs1: Gs1ElementString;
}

function grams(value: string, decimals: number): number {
  const units = Number(value);
  return decimals <= 3 ? units * 10 ** (3 - decimals) : Math.round(units / 10 ** (decimals - 3));
}

/** Null when the element string carries no AI 01, i.e. it is not a trade item's label. */
export function gs1Product(parsed: Gs1ElementString, today: Date): Gs1Product | null {
  const gtin14 = gs1Value(parsed, '01');
  if (gtin14 === null) return null;
  const weight = parsed.elements.find((element) => element.ai.startsWith('310'));
  const price = parsed.elements.find((element) => element.ai.startsWith('392'));
  const expiry = gs1Value(parsed, '17');
  return {
    gtin: catalogueGtin(gtin14),
    gtin14,
    netWeightGrams: weight ? grams(weight.value, weight.spec.decimals ?? 0) : null,
    price: price ? { units: Number(price.value), decimals: price.spec.decimals ?? 0 } : null,
    expiry: expiry === null ? null : gs1DateToIso(expiry, today),
    batch: gs1Value(parsed, '10'),
    serial: gs1Value(parsed, '21'),
    gs1: parsed,
  };
}
