import type { ReturnableLine } from '../../contract/ipc';

export const remainingMilli = (line: ReturnableLine): number =>
  Math.max(0, line.quantityMilli - line.returnedMilli);

/**
 * The part of what the customer paid for a line that `milli` of it is worth, rounded half up — what
 * the screen shows before main computes the refund. BigInt, because total × quantity passes 2^53.
 */
export function refundFor(line: ReturnableLine, milli: number): number {
  if (line.quantityMilli <= 0 || milli <= 0) return 0;
  const share = BigInt(line.totalMinor) * BigInt(milli);
  const sold = BigInt(line.quantityMilli);
  return Number((share * 2n + sold) / (2n * sold));
}
