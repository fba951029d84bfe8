// How much the generator can make: every generated barcode index, card number and phone stays within
// the ranges identifiers.ts encodes up to this count.
export const MAX_GENERATED = 10_000_000;

export function checkCount(name: string, count: number): void {
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_GENERATED) {
    throw new RangeError(`${name} must be an integer from 0 to ${MAX_GENERATED}, got ${count}`);
  }
}
