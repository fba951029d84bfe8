// A receipt as paper shows it, independent of the printer: every text already in the customer's
// language and every amount already formatted. main/ builds it from the contract's Receipt; the
// layout (layout.ts) fits it to 32, 42 or 48 columns of a given printer.

export interface DocumentLine {
  text: string;
  /** Double width and height: the store's name. Falls back to bold when it would not fit. */
  large?: boolean;
  bold?: boolean;
}

export interface ItemLine {
  name: string;
  /** The quantity with its unit, e.g. "2 шт." or "0,455 кг". */
  quantity: string;
  unitPrice: string;
  total: string;
}

export interface AmountRow {
  label: string;
  /** Empty for a row that only carries a label (an authorisation code). */
  amount: string;
}

export interface TenderRow extends AmountRow {
  /** Indented rows under the tender: cash received, authorisation code. */
  details: AmountRow[];
}

export interface ReceiptDocument {
  /** Centred: store, address, title, receipt number, date, cashier. */
  header: DocumentLine[];
  items: ItemLine[];
  /** Between the items and the total: the subtotal and a coupon's discount. */
  adjustments?: AmountRow[];
  /** The amount to pay or refunded, printed bold and tall. */
  total: AmountRow;
  taxes: AmountRow[];
  tenders: TenderRow[];
  change: AmountRow | null;
  /** Centred, after the payments. */
  footer: DocumentLine[];
  barcode: { symbology: 'code128' | 'ean13'; data: string } | null;
  qr: { payload: string; caption: string } | null;
  /** Kick the cash drawer (cash was taken or paid out). */
  openDrawer: boolean;
}
