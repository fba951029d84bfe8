// The terminal -> HQ contract. For now: the documents the outbox carries. Each outbox row is one
// mutation with a global id and this terminal's sequence number; HQ applies each id exactly once.
import { z } from 'zod';
import { NonNegativeMinorUnits, QuantityMilli, Uuid } from './common';
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
