// Stored sales and returns as the contract's Receipt: what the screen, the printer and HQ read.
import type { StoreInfo, Receipt, Tender } from '../../contract/ipc';
import { taxTotals } from '../domain/tax';
import type { ReturnRecord } from '../store/returns';
import type { PaymentRecord, SaleRecord } from '../store/sales';

export function tenderOf(payment: PaymentRecord): Tender {
  return {
    id: payment.id,
    kind: payment.kind,
    amountMinor: payment.amountMinor,
    ...(payment.receivedMinor !== null && { receivedMinor: payment.receivedMinor }),
    ...(payment.changeMinor !== null && { changeMinor: payment.changeMinor }),
    ...(payment.cardMasked && { cardMasked: payment.cardMasked }),
    ...(payment.authCode && { authCode: payment.authCode }),
    ...(payment.terminalRef && { terminalRef: payment.terminalRef }),
  };
}

export function saleReceipt(sale: SaleRecord, store: StoreInfo): Receipt {
  return {
    kind: 'sale',
    id: sale.id,
    receiptNo: sale.receiptNo,
    originalReceiptNo: null,
    createdAt: sale.createdAt,
    store: { ...store },
    terminalCode: sale.terminalCode,
    cashierName: sale.cashierName,
    currency: sale.currency,
    lines: sale.lines.map((line) => ({
      names: line.names,
      barcode: line.barcode,
      unit: line.unit,
      quantityMilli: line.quantityMilli,
      unitPriceMinor: line.unitPriceMinor,
      totalMinor: line.totalMinor,
      discountMinor: line.discountMinor,
      taxRateBp: line.taxRateBp,
    })),
    customerCard: sale.customerCard,
    couponCode: sale.couponCode,
    discountMinor: sale.discountMinor,
    totalMinor: sale.totalMinor,
    taxes: taxTotals(sale.lines),
    tenders: sale.payments.map(tenderOf),
    changeMinor: sale.changeMinor,
  };
}

export function returnReceipt(
  refund: ReturnRecord,
  sale: SaleRecord,
  store: StoreInfo,
  cashierName: string,
): Receipt {
  const saleLines = new Map(sale.lines.map((line) => [line.id, line]));
  const payments = new Map(sale.payments.map((payment) => [payment.id, payment]));
  const lines = refund.lines.flatMap((returned) => {
    const line = saleLines.get(returned.saleLineId);
    return line
      ? [
          {
            names: line.names,
            barcode: line.barcode,
            unit: line.unit,
            quantityMilli: returned.quantityMilli,
            unitPriceMinor: line.unitPriceMinor,
            totalMinor: returned.refundMinor,
            discountMinor: 0,
            taxRateBp: line.taxRateBp,
          },
        ]
      : [];
  });
  return {
    kind: 'return',
    id: refund.id,
    receiptNo: refund.returnNo,
    originalReceiptNo: sale.receiptNo,
    createdAt: refund.createdAt,
    store: { ...store },
    terminalCode: sale.terminalCode,
    cashierName,
    currency: sale.currency,
    lines,
    customerCard: sale.customerCard,
    couponCode: null,
    discountMinor: 0,
    totalMinor: refund.totalMinor,
    taxes: taxTotals(lines),
    tenders: refund.refunds.map((given) => {
      const original = payments.get(given.paymentId);
      return {
        id: given.id,
        kind: given.kind,
        amountMinor: given.amountMinor,
        ...(original?.cardMasked && { cardMasked: original.cardMasked }),
        ...(given.terminalRef && { terminalRef: given.terminalRef }),
      };
    }),
    changeMinor: 0,
  };
}
