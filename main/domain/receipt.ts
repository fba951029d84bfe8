// Receipt numbers: store, terminal and a per-terminal sequence, e.g. 0001-01-000042. Returns carry an
// R before the sequence so a scanned return slip is never mistaken for a sale to refund.
const SEQUENCE_DIGITS = 6;

export const RECEIPT_NO_PATTERN = '^\\d{4}-\\d{2}-\\d{6,}$';
/** A return slip's number: never a sale to refund, but scanned to look the return up. */
export const RETURN_RECEIPT_NO_PATTERN = '^\\d{4}-\\d{2}-R\\d{6,}$';
const SALE_RECEIPT_NO = new RegExp(RECEIPT_NO_PATTERN);

export function formatReceiptNo(
  storeCode: string,
  terminalCode: string,
  seq: number,
  kind: 'sale' | 'return',
): string {
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new RangeError(`seq must be a positive integer, got ${seq}`);
  const sequence = String(seq).padStart(SEQUENCE_DIGITS, '0');
  return `${storeCode}-${terminalCode}-${kind === 'return' ? 'R' : ''}${sequence}`;
}

/** True for sale receipt numbers only: those are the ones a customer brings back to return from. */
export function isReceiptNo(text: string): boolean {
  return SALE_RECEIPT_NO.test(text);
}
