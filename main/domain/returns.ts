// Planning a return against a completed sale: what each line refunds and which tenders pay it back.
import { fail, ok } from '../../contract/common';
import type { PosError, Result, Unit } from '../../contract/common';
import { prorate } from './money';
import { validateQuantity } from './quantity';

export interface SaleForReturn {
  status: 'completed' | 'voided';
  lines: {
    id: string;
    quantityMilli: number;
    totalMinor: number;
    taxRateBp: number;
    unit: Unit;
    returnedMilli: number;
    refundedMinor: number;
  }[];
  tenders: { id: string; kind: 'cash' | 'card'; amountMinor: number; refundedMinor: number }[];
}

export interface ReturnPlan {
  lines: { saleLineId: string; quantityMilli: number; refundMinor: number; taxRateBp: number }[];
  totalMinor: number;
  refunds: { tenderId: string; kind: 'cash' | 'card'; amountMinor: number }[];
}

type SaleLine = SaleForReturn['lines'][number];
type PlannedLine = ReturnPlan['lines'][number];

function planLine(line: SaleLine, quantityMilli: number): Result<PlannedLine> {
  const remainingMilli = line.quantityMilli - line.returnedMilli;
  const exceeds = (): { ok: false; error: PosError } =>
    fail('RETURN_EXCEEDS_SOLD', 'More than what is left to return on this line', {
      saleLineId: line.id,
      remainingMilli,
    });
  if (remainingMilli <= 0) return exceeds();
  const quantity = validateQuantity(line.unit, quantityMilli);
  if (!quantity.ok) return quantity;
  if (quantity.value > remainingMilli) return exceeds();
  const takesTheRest = quantity.value === remainingMilli;
  // Goods sold by weight come back as the whole weighed pack: a part of it cannot be re-weighed
  // against the receipt, so there is no fair price for it.
  if (line.unit === 'kg' && !takesTheRest) {
    return fail('BAD_QUANTITY', 'A weighed line can only be returned whole', {
      reason: 'whole_weight_only',
      remainingMilli,
    });
  }
  const leftToRefund = line.totalMinor - line.refundedMinor;
  // The last return of a line takes whatever its earlier, rounded returns left, so a line refunds
  // exactly its total in the end; earlier returns are capped by that, so rounding up never overdraws.
  const refundMinor = takesTheRest
    ? leftToRefund
    : Math.min(prorate(line.totalMinor, quantity.value, line.quantityMilli), leftToRefund);
  return ok({ saleLineId: line.id, quantityMilli: quantity.value, refundMinor, taxRateBp: line.taxRateBp });
}

// Card refunds go first because they return to the cardholder's account, traceable to the original
// payment; cash is what remains and leaves the drawer. Each tender gives back at most what it paid
// less what earlier returns already took from it.
function refundsFor(totalMinor: number, tenders: SaleForReturn['tenders']): Result<ReturnPlan['refunds']> {
  const ordered = [...tenders.filter((t) => t.kind === 'card'), ...tenders.filter((t) => t.kind === 'cash')];
  const refunds: ReturnPlan['refunds'] = [];
  let left = totalMinor;
  for (const tender of ordered) {
    const amountMinor = Math.min(left, Math.max(0, tender.amountMinor - tender.refundedMinor));
    if (amountMinor > 0) refunds.push({ tenderId: tender.id, kind: tender.kind, amountMinor });
    left -= amountMinor;
  }
  if (left > 0) {
    return fail('INTERNAL', 'The sale tenders cannot cover this refund', { shortMinor: left });
  }
  return ok(refunds);
}

export function planReturn(
  sale: SaleForReturn,
  request: { saleLineId: string; quantityMilli: number }[],
): Result<ReturnPlan> {
  if (sale.status === 'voided') return fail('SALE_VOIDED', 'A voided sale cannot be returned');
  if (request.length === 0) return fail('NOTHING_TO_RETURN', 'No lines were chosen to return');

  const lines: PlannedLine[] = [];
  const seen = new Set<string>();
  for (const { saleLineId, quantityMilli } of request) {
    if (seen.has(saleLineId)) {
      return fail('BAD_REQUEST', `Line ${saleLineId} appears twice in the return`, { saleLineId });
    }
    seen.add(saleLineId);
    const line = sale.lines.find((candidate) => candidate.id === saleLineId);
    if (!line) return fail('LINE_NOT_FOUND', `No line ${saleLineId} on this sale`, { saleLineId });
    const planned = planLine(line, quantityMilli);
    if (!planned.ok) return planned;
    lines.push(planned.value);
  }

  const totalMinor = lines.reduce((sum, line) => sum + line.refundMinor, 0);
  const refunds = refundsFor(totalMinor, sale.tenders);
  if (!refunds.ok) return refunds;
  return ok({ lines, totalMinor, refunds: refunds.value });
}
