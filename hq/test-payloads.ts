// Realistic outbox documents for HQ tests, shaped like those the till writes (main/services).
import { uuidV7 } from '../contract/uuid-v7';
import type { Receipt } from '../contract/ipc';
import type {
  CustomerEnrolled,
  OutboxKind,
  PushMutation,
  ReturnCompleted,
  SaleCompleted,
} from '../contract/sync';

export const milk = { productId: 1, barcode: '4607001000014', priceMinor: 8990, name: 'Молоко 3,2 % 1 л' };
export const bread = { productId: 2, barcode: '4607001000021', priceMinor: 4550, name: 'Хлеб бородинский' };

type Item = { productId: number; barcode: string; priceMinor: number; name: string };

export interface SaleOptions {
  storeCode?: string;
  terminalCode?: string;
  items?: { item: Item; quantity: number; discountMinor?: number }[];
  customerId?: number | null;
  couponCode?: string | null;
  /** Overrides the receipt total (to make totals that do not add up). */
  totalMinor?: number;
  createdAt?: string;
}

export function sale(options: SaleOptions = {}): SaleCompleted {
  const storeCode = options.storeCode ?? '0001';
  const items = options.items ?? [
    { item: milk, quantity: 2 },
    { item: bread, quantity: 1 },
  ];
  const lines = items.map(({ item, quantity, discountMinor = 0 }) => ({
    names: { ru: item.name },
    barcode: item.barcode,
    unit: 'piece' as const,
    quantityMilli: quantity * 1000,
    unitPriceMinor: item.priceMinor,
    totalMinor: item.priceMinor * quantity - discountMinor,
    discountMinor,
    taxRateBp: 1000,
  }));
  const linesTotal = lines.reduce((total, line) => total + line.totalMinor, 0);
  const totalMinor = options.totalMinor ?? linesTotal;
  const saleId = uuidV7();
  const receipt: Receipt = {
    kind: 'sale',
    id: saleId,
    receiptNo: `${storeCode}-${options.terminalCode ?? '01'}-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    originalReceiptNo: null,
    createdAt: options.createdAt ?? new Date().toISOString(),
    store: {
      code: storeCode,
      name: 'Omnitill Тверская',
      address: 'Тверская, 7',
      currency: 'RUB',
      locale: 'ru',
    },
    terminalCode: options.terminalCode ?? '01',
    cashierName: 'Анна Петрова',
    currency: 'RUB',
    lines,
    customerCard: null,
    couponCode: options.couponCode ?? null,
    discountMinor: lines.reduce((total, line) => total + line.discountMinor, 0),
    totalMinor,
    taxes: [{ rateBp: 1000, grossMinor: totalMinor, taxMinor: Math.round(totalMinor / 11) }],
    tenders: [
      { id: uuidV7(), kind: 'cash', amountMinor: totalMinor, receivedMinor: totalMinor, changeMinor: 0 },
    ],
    changeMinor: 0,
  };
  return {
    saleId,
    cashierId: 1,
    customerId: options.customerId ?? null,
    receipt,
    lineRefs: items.map(({ item }) => ({ lineId: uuidV7(), productId: item.productId })),
  };
}

/** Returns the first `quantity` pieces of a sale's first line, refunded in cash. */
export function refundOf(sold: SaleCompleted, quantity = 1): ReturnCompleted {
  const line = sold.receipt.lines[0];
  const ref = sold.lineRefs?.[0];
  const tender = sold.receipt.tenders[0];
  if (!line || !ref || !tender) throw new Error('sale has no line to return');
  const refundMinor = line.unitPriceMinor * quantity;
  const returnId = crypto.randomUUID(); // the returns screen mints it (renderer)
  return {
    returnId,
    saleId: sold.saleId,
    cashierId: 1,
    lines: [{ saleLineId: ref.lineId, quantityMilli: quantity * 1000, refundMinor }],
    refunds: [{ paymentId: tender.id, kind: 'cash', amountMinor: refundMinor }],
    receipt: {
      ...sold.receipt,
      kind: 'return',
      id: returnId,
      receiptNo: `${sold.receipt.receiptNo}-R`,
      originalReceiptNo: sold.receipt.receiptNo,
      lines: [{ ...line, quantityMilli: quantity * 1000, totalMinor: refundMinor, discountMinor: 0 }],
      discountMinor: 0,
      totalMinor: refundMinor,
      tenders: [{ id: uuidV7(), kind: 'cash', amountMinor: refundMinor }],
      couponCode: null,
    },
  };
}

export function enrolled(customerId: number, overrides: Partial<CustomerEnrolled> = {}): CustomerEnrolled {
  return {
    customerId,
    name: 'Мария Иванова',
    phoneE164: '+79161234567',
    email: 'maria@example.ru',
    birthday: '1990-04-12',
    cardNo: null,
    consents: [
      { purpose: 'processing', channel: null, granted: true },
      { purpose: 'marketing', channel: 'sms', granted: true },
    ],
    attributes: { shoeSize: '38' },
    storeCode: '0001',
    terminalCode: '01',
    cashierId: 1,
    at: new Date().toISOString(),
    ...overrides,
  };
}

export const mutation = (seq: number, kind: OutboxKind, payload: unknown): PushMutation => ({
  id: uuidV7(),
  seq,
  kind,
  payload,
  createdAt: new Date().toISOString(),
});
