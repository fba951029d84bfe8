// Tenders: how the customer pays. A card may pay part of the total and cash must settle the whole
// remaining due, so a split sale is "card part, then cash for the rest" and change only ever arises
// from cash — a card is charged exactly what it pays, never more.
import { MAX_MINOR_UNITS, fail, ok } from '../../contract/common';
import type { PosError, Result } from '../../contract/common';
import type { Tender } from '../../contract/ipc';
import type { CartState } from './cart';
import { cartTotals } from './cart';
import { amountTooLarge } from './money';

function badAmount(name: string, amount: number): { ok: false; error: PosError } {
  return fail('BAD_REQUEST', `${name} must be a non-negative integer of minor units, got ${amount}`);
}

export function cashTender(due: number, receivedMinor: number, tenderId: string): Result<Tender> {
  if (!Number.isSafeInteger(receivedMinor) || receivedMinor < 0) {
    return badAmount('receivedMinor', receivedMinor);
  }
  if (receivedMinor > MAX_MINOR_UNITS) return amountTooLarge();
  if (receivedMinor < due) {
    return fail('TENDER_SHORT', 'Cash received is less than the amount due', { dueMinor: due });
  }
  return ok({
    id: tenderId,
    kind: 'cash',
    amountMinor: due,
    receivedMinor,
    changeMinor: receivedMinor - due,
  });
}

/** The amount a card may be charged for; checked before the terminal is asked, and again after. */
export function checkCardAmount(due: number, amountMinor: number): Result<number> {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) return badAmount('amountMinor', amountMinor);
  if (amountMinor === 0) return fail('BAD_REQUEST', 'A card payment needs an amount above zero');
  if (amountMinor > due) {
    return fail('TENDER_TOO_LARGE', 'A card cannot pay more than the amount due', { dueMinor: due });
  }
  return ok(amountMinor);
}

export function cardTender(
  due: number,
  amountMinor: number,
  tenderId: string,
  approval: { cardMasked: string; authCode: string; terminalRef: string },
): Result<Tender> {
  const amount = checkCardAmount(due, amountMinor);
  if (!amount.ok) return amount;
  return ok({
    id: tenderId,
    kind: 'card',
    amountMinor: amount.value,
    cardMasked: approval.cardMasked,
    authCode: approval.authCode,
    terminalRef: approval.terminalRef,
  });
}

/** A cart is paid once it has lines and its tenders cover the total (a free cart still needs one tender). */
export function isFullyPaid(cart: CartState): boolean {
  if (cart.lines.length === 0 || cart.tenders.length === 0) return false;
  const { totalMinor, paidMinor } = cartTotals(cart);
  return paidMinor >= totalMinor;
}

// The tender was built against a due the caller read earlier; the cart's own due is the one that counts.
export function addTender(cart: CartState, tender: Tender): Result<CartState> {
  if (cart.lines.length === 0) return fail('CART_EMPTY', 'There is nothing to pay for');
  if (cart.tenders.some((taken) => taken.id === tender.id)) {
    return fail('BAD_REQUEST', `Tender ${tender.id} is already on the cart`, { tenderId: tender.id });
  }
  if (isFullyPaid(cart)) return fail('TENDER_TOO_LARGE', 'The cart is already paid', { dueMinor: 0 });
  const { dueMinor } = cartTotals(cart);
  if (tender.kind === 'card') {
    const amount = checkCardAmount(dueMinor, tender.amountMinor);
    return amount.ok ? ok({ ...cart, tenders: [...cart.tenders, tender] }) : amount;
  }
  if (tender.amountMinor > dueMinor) {
    return fail('TENDER_TOO_LARGE', 'Cash pays more than the amount due', { dueMinor });
  }
  if (tender.amountMinor < dueMinor) {
    return fail('TENDER_SHORT', 'Cash must settle the whole amount due', { dueMinor });
  }
  return ok({ ...cart, tenders: [...cart.tenders, tender] });
}
