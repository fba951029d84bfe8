// The terminal -> HQ contract. For now: the documents the outbox carries. Each outbox row is one
// mutation with a global id and this terminal's sequence number; HQ applies each id exactly once.
import { z } from 'zod';
import { NonNegativeMinorUnits, QuantityMilli, Uuid } from './common';
import { Receipt } from './ipc';

export const OutboxKind = z.enum(['sale.completed', 'return.completed']);
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
