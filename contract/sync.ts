// The terminal -> HQ contract: the documents the outbox carries, and the HTTP API a till enrols and
// pushes them with. Each outbox row is one mutation with a global id and this terminal's sequence
// number; HQ applies each id exactly once.
import { z } from 'zod';
import { IsoTimestamp, NonNegativeMinorUnits, QuantityMilli, Uuid } from './common';
import { Receipt } from './ipc';

export const OutboxKind = z.enum([
  'sale.completed',
  'return.completed',
  'customer.enrolled',
  'customer.bag',
  'customer.note',
  'customer.tag',
]);
export type OutboxKind = z.infer<typeof OutboxKind>;

export const SaleCompleted = z.object({
  saleId: Uuid,
  cashierId: z.number().int(),
  customerId: z.number().int().nullable(),
  receipt: Receipt,
  /**
   * The till's own line ids and product ids, in the order of `receipt.lines`. A receipt line names
   * its product only by barcode (weighed items carry a weight in theirs) and has no id a return
   * could refer to; with these HQ links returns to lines and sales to products exactly.
   */
  lineRefs: z.array(z.object({ lineId: Uuid, productId: z.number().int() })).optional(),
});
export type SaleCompleted = z.infer<typeof SaleCompleted>;

export const ReturnCompleted = z.object({
  returnId: Uuid,
  saleId: Uuid,
  cashierId: z.number().int(),
  lines: z.array(
    z.object({ saleLineId: Uuid, quantityMilli: QuantityMilli, refundMinor: NonNegativeMinorUnits }),
  ),
  refunds: z.array(
    z.object({ paymentId: Uuid, kind: z.enum(['cash', 'card']), amountMinor: NonNegativeMinorUnits }),
  ),
  receipt: Receipt,
});
export type ReturnCompleted = z.infer<typeof ReturnCompleted>;

/** A profile created at this till, with the consent it was created under. HQ assigns the chain id. */
export const CustomerEnrolled = z.object({
  customerId: z.number().int(),
  name: z.string(),
  phoneE164: z.string().nullable(),
  email: z.string().nullable(),
  birthday: z.string().nullable(),
  cardNo: z.string().nullable(),
  consents: z.array(
    z.object({
      purpose: z.enum(['processing', 'marketing']),
      channel: z.enum(['sms', 'email', 'push', 'call']).nullable(),
      granted: z.boolean(),
    }),
  ),
  attributes: z.record(z.string(), z.string()),
  storeCode: z.string(),
  terminalCode: z.string(),
  cashierId: z.number().int().nullable(),
  at: z.iso.datetime(),
});
export type CustomerEnrolled = z.infer<typeof CustomerEnrolled>;

/** The saved bag as it now is (the whole bag, so HQ can apply the latest and remind the customer). */
export const CustomerBag = z.object({
  customerId: z.number().int(),
  items: z.array(
    z.object({ productId: z.number().int(), quantityMilli: QuantityMilli, savedAt: z.string() }),
  ),
  at: z.iso.datetime(),
});
export type CustomerBag = z.infer<typeof CustomerBag>;

export const CustomerNoteAdded = z.object({
  customerId: z.number().int(),
  text: z.string(),
  authorId: z.number().int().nullable(),
  storeCode: z.string(),
  at: z.iso.datetime(),
});

export const CustomerTagged = z.object({
  customerId: z.number().int(),
  tag: z.string(),
  on: z.boolean(),
  at: z.iso.datetime(),
});
export type CustomerNoteAdded = z.infer<typeof CustomerNoteAdded>;
export type CustomerTagged = z.infer<typeof CustomerTagged>;

/** The schema each outbox kind's payload must satisfy; HQ refuses a batch holding one that does not. */
export const outboxPayloads = {
  'sale.completed': SaleCompleted,
  'return.completed': ReturnCompleted,
  'customer.enrolled': CustomerEnrolled,
  'customer.bag': CustomerBag,
  'customer.note': CustomerNoteAdded,
  'customer.tag': CustomerTagged,
} as const satisfies Record<OutboxKind, z.ZodType>;

// ---------------------------------------------------------------------------------------------
// HTTP between a till and HQ. Errors are `{ error, message, ...facts }` with a 4xx status; the
// message is English for logs, the till acts on `error` and the facts.

export const StoreCode = z.string().regex(/^\d{4}$/, 'four digits');
export const TerminalCode = z.string().regex(/^\d{2}$/, 'two digits');
/** Identifies one life of the HQ database; a database restored from a backup gets a new one. */
export const HqEpoch = z.string().min(1).max(64);

/** POST /v1/enrol: a till trades a one-time code from HQ's admin for its identity. */
export const EnrolRequest = z
  .object({
    code: z.string().trim().min(4).max(64),
    terminalCode: TerminalCode,
    deviceName: z.string().trim().min(1).max(100),
    /** The store this till is configured for: a code of another store is refused and stays unused. */
    storeCode: StoreCode.optional(),
  })
  .strict();
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const EnrolResponse = z.object({
  terminalId: Uuid,
  /** `<terminalId>.<secret>`, sent as `Authorization: Bearer <credential>`. Shown once, never stored at HQ. */
  credential: z.string().min(40).max(200),
  storeCode: StoreCode,
  hqEpoch: HqEpoch,
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

/** Mutations per push request; the body limit caps the bytes. */
export const MAX_PUSH_MUTATIONS = 500;

/** One outbox row on the wire. `seq` is the till's gap-free outbox sequence. */
export const PushMutation = z
  .object({
    id: Uuid,
    seq: z.number().int().positive(),
    kind: OutboxKind,
    payload: z.unknown(),
    createdAt: IsoTimestamp,
  })
  .strict();
export type PushMutation = z.infer<typeof PushMutation>;

/** POST /v1/push: consecutive outbox rows of one terminal, oldest first. */
export const PushRequest = z
  .object({
    terminalId: Uuid,
    hqEpoch: HqEpoch,
    mutations: z.array(PushMutation).min(1).max(MAX_PUSH_MUTATIONS),
  })
  .strict();
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Inconsistencies HQ books for review instead of refusing: a completed sale happened, whatever its
 * data says. `terminal.seq_reused`: a new mutation came with a seq HQ had already applied (the till's
 * database was probably restored from a backup); it was applied all the same.
 */
export const ReviewFlagCode = z.enum([
  'product.unknown',
  'price.unknown',
  'price.differs',
  'sale.totals_mismatch',
  'sale.duplicate',
  'sale.not_a_sale_receipt',
  'coupon.unknown',
  'coupon.already_redeemed',
  'coupon.not_for_customer',
  'customer.unknown',
  'customer.already_enrolled',
  'customer.card_taken',
  'customer.possible_duplicate',
  'return.sale_unknown',
  'return.line_unknown',
  'return.exceeds_sold',
  'return.totals_mismatch',
  'return.duplicate',
  'terminal.code_differs',
  'terminal.seq_reused',
]);
export type ReviewFlagCode = z.infer<typeof ReviewFlagCode>;

/** What applying a mutation did; stored with it and answered again, unchanged, when it is re-sent. */
export const MutationResult = z.object({
  flags: z.array(ReviewFlagCode),
  /** customer.enrolled: the chain-wide id HQ gave the profile the till enrolled. */
  customerId: z.number().int().optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushAck = z.object({
  id: Uuid,
  seq: z.number().int().positive(),
  /** True when HQ had applied this id before: `result` is the stored one and nothing changed. */
  replayed: z.boolean(),
  result: MutationResult,
});
export type PushAck = z.infer<typeof PushAck>;

export const PushResponse = z.object({
  /** The highest seq of this terminal HQ has applied; the next push starts after it. */
  lastSeq: z.number().int().nonnegative(),
  acks: z.array(PushAck),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** 409 answers to a push: nothing was applied, the till corrects its position and pushes again. */
export const PushConflict = z.discriminatedUnion('error', [
  z.object({ error: z.literal('SEQ_GAP'), message: z.string(), expectedSeq: z.number().int().positive() }),
  z.object({
    error: z.literal('EPOCH_MISMATCH'),
    message: z.string(),
    hqEpoch: HqEpoch,
    expectedSeq: z.number().int().positive(),
  }),
]);
export type PushConflict = z.infer<typeof PushConflict>;

export const HqErrorCode = z.enum([
  'BAD_REQUEST',
  'PAYLOAD_INVALID',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CROSS_STORE',
  'RATE_LIMITED',
  'ENROL_CODE_REFUSED',
  'STORE_MISMATCH',
  'SEQ_GAP',
  'EPOCH_MISMATCH',
  'NOT_FOUND',
  'INTERNAL',
]);
export type HqErrorCode = z.infer<typeof HqErrorCode>;

export const HqError = z.looseObject({ error: HqErrorCode, message: z.string() });
export type HqError = z.infer<typeof HqError>;

// The till's link to HQ as the UI shows it lives apart, so contract/ipc.ts can use it without a cycle.
export { SyncStatus } from './sync-status';
