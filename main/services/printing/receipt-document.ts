// A sale or return receipt from the contract, as the printer-neutral document the receipt printer
// lays out: labels in the chosen language, amounts formatted for its locale and the currency, the
// receipt number as a CODE128 barcode (the return screen scans it), an e-receipt QR link, and a
// drawer kick whenever cash changes hands.
import type { Locale, LocalizedNames } from '../../../contract/common';
import type { Receipt, Tender } from '../../../contract/ipc';
import type {
  AmountRow,
  DocumentLine,
  ReceiptDocument,
  TenderRow,
} from '../../../native-drivers/printer/document';
import type { ReceiptLabels } from './labels';
import { fill, receiptLabels } from './labels';
import { paperAmount, paperDateTime, paperMoney, paperQuantity, paperRate } from './paper-format';

export interface ReceiptPrintSettings {
  locale: Locale;
  /** Printed under the store's name and address: legal name, tax number, phone. */
  storeLines?: readonly string[];
  /** Printed above the barcode, e.g. the returns policy. */
  footerLines?: readonly string[];
  /**
   * The e-receipt link the QR code carries, with {store}, {terminal}, {receiptNo} and {id}
   * placeholders, e.g. "https://r.omnitill.example/{store}/{receiptNo}"; null prints no QR code.
   */
  eReceiptUrl?: string | null;
  /** IANA time zone of the store; the machine's zone when absent. */
  timeZone?: string;
  /** Print the receipt number as CODE128 (default true). */
  receiptBarcode?: boolean;
  /** A reprint: marked as a copy, and the drawer stays shut (no money changes hands). */
  copy?: boolean;
}

/** A product's name in the receipt's language, else the store's, else whatever the catalogue has. */
const productName = (names: LocalizedNames, locale: Locale, storeLocale: Locale): string =>
  names[locale] ?? names[storeLocale] ?? Object.values(names)[0] ?? '';

export function eReceiptLink(pattern: string, receipt: Receipt): string {
  return fill(pattern, {
    store: encodeURIComponent(receipt.store.code),
    terminal: encodeURIComponent(receipt.terminalCode),
    receiptNo: encodeURIComponent(receipt.receiptNo),
    id: encodeURIComponent(receipt.id),
  });
}

function tenderRow(tender: Tender, receipt: Receipt, labels: ReceiptLabels, locale: Locale): TenderRow {
  const amount = (minor: number) => paperAmount(minor, receipt.currency, locale);
  const label =
    tender.kind === 'cash' ? labels.cash : [labels.card, tender.cardMasked].filter(Boolean).join(' ');
  const details: AmountRow[] = [];
  if (tender.authCode) details.push({ label: fill(labels.authCode, { code: tender.authCode }), amount: '' });
  if (receipt.kind === 'sale' && tender.kind === 'cash' && tender.receivedMinor !== undefined) {
    details.push({ label: labels.received, amount: amount(tender.receivedMinor) });
  }
  return { label, amount: amount(tender.amountMinor), details };
}

export function receiptDocument(receipt: Receipt, settings: ReceiptPrintSettings): ReceiptDocument {
  const { locale } = settings;
  const labels = receiptLabels[locale];
  const isReturn = receipt.kind === 'return';
  const amount = (minor: number) => paperAmount(minor, receipt.currency, locale);
  const paidCash = receipt.tenders.some((tender) => tender.kind === 'cash');

  const header: DocumentLine[] = [
    { text: receipt.store.name, large: true },
    { text: receipt.store.address },
    ...(settings.storeLines ?? []).map((text) => ({ text })),
    ...(settings.copy ? [{ text: labels.copy, large: true }] : []),
    { text: isReturn ? labels.returnTitle : labels.saleTitle, bold: true },
    { text: fill(labels.number, { no: receipt.receiptNo }) },
    ...(receipt.originalReceiptNo
      ? [{ text: fill(labels.original, { no: receipt.originalReceiptNo }) }]
      : []),
    {
      text: `${paperDateTime(receipt.createdAt, locale, settings.timeZone)} · ${fill(labels.terminal, { code: receipt.terminalCode })}`,
    },
    { text: fill(labels.cashier, { name: receipt.cashierName }) },
    ...(receipt.customerCard ? [{ text: fill(labels.loyaltyCard, { card: receipt.customerCard }) }] : []),
  ];

  const footer: DocumentLine[] = [
    ...(isReturn ? [] : [{ text: labels.thanks }]),
    ...(settings.footerLines ?? []).map((text) => ({ text })),
  ];

  return {
    header,
    items: receipt.lines.map((line) => ({
      name: productName(line.names, locale, receipt.store.locale),
      quantity: `${paperQuantity(line.quantityMilli, line.unit, locale)} ${line.unit === 'kg' ? labels.kg : labels.piece}`,
      unitPrice: amount(line.unitPriceMinor),
      // The line's own price; the coupon is shown once, above the total, as the customer expects.
      total: amount(line.totalMinor + line.discountMinor),
    })),
    adjustments:
      receipt.discountMinor > 0
        ? [
            { label: labels.subtotal, amount: amount(receipt.totalMinor + receipt.discountMinor) },
            {
              label: fill(labels.coupon, { code: receipt.couponCode ?? '' }),
              amount: `−${amount(receipt.discountMinor)}`,
            },
          ]
        : [],
    total: {
      label: isReturn ? labels.refundTotal : labels.total,
      amount: paperMoney(receipt.totalMinor, receipt.currency, locale),
    },
    taxes: receipt.taxes.map((tax) => ({
      label: fill(labels.vat, { rate: paperRate(tax.rateBp, locale) }),
      amount: amount(tax.taxMinor),
    })),
    tenders: receipt.tenders.map((tender) => tenderRow(tender, receipt, labels, locale)),
    change:
      !isReturn && (paidCash || receipt.changeMinor > 0)
        ? { label: labels.change, amount: amount(receipt.changeMinor) }
        : null,
    footer,
    barcode: settings.receiptBarcode === false ? null : { symbology: 'code128', data: receipt.receiptNo },
    qr: settings.eReceiptUrl
      ? { payload: eReceiptLink(settings.eReceiptUrl, receipt), caption: labels.eReceipt }
      : null,
    openDrawer: paidCash && !settings.copy,
  };
}
