// The renderer <-> main contract: every call the UI can make and every event main can send.
// Electron IPC (preload) and the loopback host (main/host) both carry exactly these shapes.
import { z } from 'zod';
import type { Result } from './common';
import { PosError } from './common';
import {
  CartCustomer,
  CustomerId,
  CustomerProfile,
  CustomerUpdateInput,
  EnrolInput,
  Enrolment,
  HistoryPage,
  Identification,
} from './customers';
import { DeviceSnapshot, PrintJobView, PrintQueueView } from './devices';
import { SyncStatus } from './sync-status';
import {
  CurrencyCode,
  IsoTimestamp,
  Locale,
  LocalizedNames,
  MinorUnits,
  NonNegativeMinorUnits,
  QuantityMilli,
  TaxRateBp,
  Unit,
  Uuid,
} from './common';

const Empty = z.object({}).strict();

export const Role = z.enum(['cashier', 'manager']);
export type Role = z.infer<typeof Role>;

export const User = z.object({ id: z.number().int(), name: z.string(), role: Role });
export type User = z.infer<typeof User>;

export const StoreInfo = z.object({
  code: z.string(),
  name: z.string(),
  address: z.string(),
  currency: CurrencyCode,
  locale: Locale,
});
export type StoreInfo = z.infer<typeof StoreInfo>;

export const SimulatedOutcome = z.enum(['approve', 'decline', 'timeout']);
export type SimulatedOutcome = z.infer<typeof SimulatedOutcome>;

export const SessionStatus = z.object({
  store: StoreInfo,
  terminalCode: z.string(),
  user: User.nullable(),
  demo: z.boolean(),
  /** Set when the payment terminal is the simulator: what it answers next. */
  paymentSimulator: z.object({ outcome: SimulatedOutcome }).nullable(),
  /** Receipt numbers look like this pattern, so a scan of one opens the return screen. */
  receiptNoPattern: z.string(),
});
export type SessionStatus = z.infer<typeof SessionStatus>;

export const TaxTotal = z.object({ rateBp: TaxRateBp, grossMinor: MinorUnits, taxMinor: MinorUnits });
export type TaxTotal = z.infer<typeof TaxTotal>;

export const CartLine = z.object({
  id: Uuid,
  productId: z.number().int(),
  barcode: z.string(),
  names: LocalizedNames,
  unit: Unit,
  quantityMilli: QuantityMilli,
  unitPriceMinor: NonNegativeMinorUnits,
  totalMinor: NonNegativeMinorUnits,
  taxRateBp: TaxRateBp,
  /** Weight or price came from the barcode itself: the quantity cannot be edited. */
  fromEmbeddedBarcode: z.boolean(),
  /** This line's share of the coupon discount; `totalMinor` is before it. */
  discountMinor: NonNegativeMinorUnits,
});
export type CartLine = z.infer<typeof CartLine>;

export const TenderKind = z.enum(['cash', 'card']);
export type TenderKind = z.infer<typeof TenderKind>;

export const Tender = z.object({
  id: Uuid,
  kind: TenderKind,
  /** What the tender pays towards the sale (cash: received minus change). */
  amountMinor: NonNegativeMinorUnits,
  /** Cash handed over by the customer. */
  receivedMinor: NonNegativeMinorUnits.optional(),
  changeMinor: NonNegativeMinorUnits.optional(),
  /** Card tenders: what the payment terminal printed, never the card number. */
  cardMasked: z.string().optional(),
  authCode: z.string().optional(),
  terminalRef: z.string().optional(),
});
export type Tender = z.infer<typeof Tender>;

export const CartCoupon = z.object({
  code: z.string(),
  discountMinor: NonNegativeMinorUnits,
  /** Why it takes nothing off right now (the cart fell below its minimum spend), or null. */
  problem: z.enum(['min-spend']).nullable(),
  minSpendMinor: NonNegativeMinorUnits,
});
export type CartCoupon = z.infer<typeof CartCoupon>;

export const Cart = z.object({
  id: Uuid,
  currency: CurrencyCode,
  lines: z.array(CartLine),
  itemCount: z.number().int(),
  customer: CartCustomer.nullable(),
  coupon: CartCoupon.nullable(),
  /** Sum of the lines before the coupon. */
  subtotalMinor: NonNegativeMinorUnits,
  discountMinor: NonNegativeMinorUnits,
  /** What the customer pays: subtotal minus discount. */
  totalMinor: NonNegativeMinorUnits,
  taxes: z.array(TaxTotal),
  tenders: z.array(Tender),
  paidMinor: NonNegativeMinorUnits,
  dueMinor: NonNegativeMinorUnits,
  /** The line the last scan or edit touched, for the UI to highlight and scroll to. */
  lastLineId: Uuid.nullable(),
});
export type Cart = z.infer<typeof Cart>;

export const ReceiptLine = z.object({
  names: LocalizedNames,
  barcode: z.string(),
  unit: Unit,
  quantityMilli: QuantityMilli,
  unitPriceMinor: NonNegativeMinorUnits,
  /** What the line charged, after its share of the discount. */
  totalMinor: NonNegativeMinorUnits,
  discountMinor: NonNegativeMinorUnits,
  taxRateBp: TaxRateBp,
});

export const Receipt = z.object({
  kind: z.enum(['sale', 'return']),
  id: Uuid,
  receiptNo: z.string(),
  /** For a return: the receipt it refunds. */
  originalReceiptNo: z.string().nullable(),
  createdAt: IsoTimestamp,
  store: StoreInfo,
  terminalCode: z.string(),
  cashierName: z.string(),
  currency: CurrencyCode,
  lines: z.array(ReceiptLine),
  /** Loyalty card (masked) of the customer, when one was attached. */
  customerCard: z.string().nullable(),
  couponCode: z.string().nullable(),
  discountMinor: NonNegativeMinorUnits,
  totalMinor: NonNegativeMinorUnits,
  taxes: z.array(TaxTotal),
  tenders: z.array(Tender),
  changeMinor: NonNegativeMinorUnits,
});
export type Receipt = z.infer<typeof Receipt>;

export const PaymentOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('partial'), cart: Cart }),
  z.object({ status: z.literal('completed'), receipt: Receipt, cart: Cart }),
]);
export type PaymentOutcome = z.infer<typeof PaymentOutcome>;

export const ReturnableLine = z.object({
  saleLineId: Uuid,
  names: LocalizedNames,
  unit: Unit,
  quantityMilli: QuantityMilli,
  returnedMilli: QuantityMilli,
  unitPriceMinor: NonNegativeMinorUnits,
  totalMinor: NonNegativeMinorUnits,
});
export type ReturnableLine = z.infer<typeof ReturnableLine>;

export const ReturnableSale = z.object({
  saleId: Uuid,
  receiptNo: z.string(),
  createdAt: IsoTimestamp,
  status: z.enum(['completed', 'voided']),
  currency: CurrencyCode,
  totalMinor: NonNegativeMinorUnits,
  tenders: z.array(Tender),
  lines: z.array(ReturnableLine),
});
export type ReturnableSale = z.infer<typeof ReturnableSale>;

const ReceiptNo = z.string().trim().min(1).max(40);
const Pin = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');

/** Every renderer -> main call: its input and the value it answers with. */
export const calls = {
  'session.status': { input: Empty, output: SessionStatus },
  'session.cashiers': { input: Empty, output: z.array(User) },
  'session.login': {
    input: z.object({ userId: z.number().int().positive(), pin: Pin }).strict(),
    output: User,
  },
  'session.logout': { input: Empty, output: Empty },

  'cart.get': { input: Empty, output: Cart },
  'cart.scan': {
    input: z
      .object({
        code: z.string().min(1).max(128),
        source: z.enum(['wedge', 'manual']),
      })
      .strict(),
    output: Cart,
  },
  'cart.setQuantity': {
    input: z.object({ lineId: Uuid, quantityMilli: z.number().int() }).strict(),
    output: Cart,
  },
  'cart.removeLine': { input: z.object({ lineId: Uuid }).strict(), output: Cart },
  'cart.void': { input: Empty, output: Cart },
  /** A product picked from a profile (history, saved bag, recommendation) rather than scanned. */
  'cart.addProduct': {
    input: z.object({ productId: z.number().int().positive(), quantityMilli: z.number().int() }).strict(),
    output: Cart,
  },
  'cart.attachCustomer': { input: z.object({ customerId: CustomerId }).strict(), output: Cart },
  'cart.detachCustomer': { input: Empty, output: Cart },
  'cart.applyCoupon': { input: z.object({ code: z.string().trim().min(1).max(40) }).strict(), output: Cart },
  'cart.removeCoupon': { input: Empty, output: Cart },

  /** Card, phone, its last 4 digits, e-mail, name, receipt number or member QR text. */
  'customers.identify': { input: z.object({ query: z.string().max(1024) }).strict(), output: Identification },
  'customers.profile': { input: z.object({ customerId: CustomerId }).strict(), output: CustomerProfile },
  'customers.history': {
    input: z.object({ customerId: CustomerId, offset: z.number().int().min(0).max(100_000) }).strict(),
    output: HistoryPage,
  },
  'customers.enrol': { input: EnrolInput, output: Enrolment },
  /**
   * Changes the fields named (contact, birthday, preferences, consents to offers) and answers the
   * profile as it now is. A phone or e-mail of another customer is refused with CONTACT_TAKEN, whose
   * params name that customer (`customerId`, `name`, `matchedBy`) so the screen can offer them.
   */
  'customers.update': { input: CustomerUpdateInput, output: CustomerProfile },
  /** Saves the cart's lines (all, or the ones named) to the attached customer's bag. */
  'customers.saveBag': {
    input: z.object({ lineIds: z.array(Uuid).max(500).optional() }).strict(),
    output: CustomerProfile,
  },
  'customers.removeBagItem': {
    input: z.object({ customerId: CustomerId, productId: z.number().int().positive() }).strict(),
    output: CustomerProfile,
  },
  'customers.addNote': {
    input: z.object({ customerId: CustomerId, text: z.string().trim().min(1).max(1000) }).strict(),
    output: CustomerProfile,
  },
  'customers.setTag': {
    input: z
      .object({ customerId: CustomerId, tag: z.string().trim().min(1).max(40), on: z.boolean() })
      .strict(),
    output: CustomerProfile,
  },

  'payment.cash': {
    input: z.object({ cartId: Uuid, receivedMinor: NonNegativeMinorUnits }).strict(),
    output: PaymentOutcome,
  },
  'payment.card': {
    input: z.object({ cartId: Uuid, amountMinor: NonNegativeMinorUnits }).strict(),
    output: PaymentOutcome,
  },
  /** Reverses approved card tenders so the cart can be edited again. */
  'payment.cancel': { input: z.object({ cartId: Uuid }).strict(), output: Cart },
  /** Retries the commit of a fully tendered cart (after a busy or full disk). */
  'sale.complete': { input: z.object({ cartId: Uuid }).strict(), output: PaymentOutcome },

  'receipt.get': { input: z.object({ receiptNo: ReceiptNo }).strict(), output: Receipt },

  'returns.lookup': { input: z.object({ receiptNo: ReceiptNo }).strict(), output: ReturnableSale },
  'returns.complete': {
    input: z
      .object({
        /** Chosen by the UI once per return screen, so a repeated request cannot refund twice. */
        returnId: Uuid,
        saleId: Uuid,
        lines: z
          .array(z.object({ saleLineId: Uuid, quantityMilli: z.number().int() }).strict())
          .min(1)
          .max(500),
      })
      .strict(),
    output: Receipt,
  },

  /** The link to HQ: online, offline since, sales waiting, the last error. */
  'sync.status': { input: Empty, output: SyncStatus },
  /** Push now, cutting a back-off short. */
  'sync.retryNow': { input: Empty, output: SyncStatus },
  /** Managers: enrol this till with HQ (its address and a one-time code from HQ's admin). */
  'sync.enrol': {
    input: z
      .object({ hqUrl: z.string().trim().min(1).max(300), code: z.string().trim().min(4).max(40) })
      .strict(),
    output: SyncStatus,
  },

  'devices.list': { input: Empty, output: z.array(DeviceSnapshot) },
  'printer.queue': { input: Empty, output: PrintQueueView },
  /** Prints the last sale or return receipt again, marked as a copy. */
  'printer.reprintLast': { input: Empty, output: PrintJobView },

  /** Demo and tests: a label sent by a simulated scanner, as real bytes on its transport. */
  'simulator.scan': {
    input: z.object({ via: z.enum(['serial', 'hid']), data: z.string().min(1).max(1024) }).strict(),
    output: Empty,
  },
  /** Demo and tests: the simulated printer's paper and cover, and whether it is plugged in. */
  'simulator.printer': {
    input: z
      .object({
        paperOut: z.boolean().optional(),
        paperNearEnd: z.boolean().optional(),
        coverOpen: z.boolean().optional(),
        pluggedIn: z.boolean().optional(),
      })
      .strict(),
    output: Empty,
  },
  'simulator.setPaymentOutcome': {
    input: z.object({ outcome: SimulatedOutcome }).strict(),
    output: Empty,
  },
} as const;

export type CallName = keyof typeof calls;
export type CallInput<N extends CallName> = z.input<(typeof calls)[N]['input']>;
export type CallOutput<N extends CallName> = z.infer<(typeof calls)[N]['output']>;
export const callNames = Object.keys(calls) as CallName[];
export const isCallName = (name: string): name is CallName => Object.hasOwn(calls, name);

/** Every main -> renderer event. */
export const events = {
  'cart.changed': Cart,
  'session.changed': SessionStatus,
  'payment.progress': z.object({
    cartId: Uuid,
    stage: z.enum(['present-card', 'authorizing', 'done']),
    amountMinor: NonNegativeMinorUnits,
  }),
  'device.changed': DeviceSnapshot,
  'sync.changed': SyncStatus,
  'print.changed': PrintJobView,
  /** Something the cashier must know that no call of theirs returned: a device scan refused, a printer out of paper. */
  notice: PosError,
  /** A receipt number was scanned on a device: the UI opens the return screen with it. */
  'scan.receipt': z.object({ receiptNo: z.string() }),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<N extends EventName> = z.infer<(typeof events)[N]>;
export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);

/** What preload exposes as `window.pos`, and what the browser host client implements. */
export interface PosApi {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
}
