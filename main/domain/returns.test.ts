import { describe, expect, it } from 'vitest';
import type { Result } from '../../contract/common';
import { deepFreeze, uuid } from './fixtures';
import type { ReturnPlan, SaleForReturn } from './returns';
import { planReturn } from './returns';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const refusal = (code: string, params?: Record<string, unknown>) => ({
  ok: false,
  error: params ? expect.objectContaining({ code, params }) : expect.objectContaining({ code }),
});

const yogurt = uuid(11); // 3 pieces on a "3 for 100.00" offer: 33.33⅓ each
const apples = uuid(12); // 1.250 kg weighed
const wine = uuid(13);
const card = uuid(21);
const cash = uuid(22);

// Paid 1 000.00 by card and the rest, 186.38, in cash.
const sale = (): SaleForReturn => ({
  status: 'completed',
  lines: [
    {
      id: yogurt,
      quantityMilli: 3_000,
      totalMinor: 10_000,
      taxRateBp: 1_000,
      unit: 'piece',
      returnedMilli: 0,
      refundedMinor: 0,
    },
    {
      id: apples,
      quantityMilli: 1_250,
      totalMinor: 18_738,
      taxRateBp: 1_000,
      unit: 'kg',
      returnedMilli: 0,
      refundedMinor: 0,
    },
    {
      id: wine,
      quantityMilli: 1_000,
      totalMinor: 89_900,
      taxRateBp: 2_000,
      unit: 'piece',
      returnedMilli: 0,
      refundedMinor: 0,
    },
  ],
  tenders: [
    { id: card, kind: 'card', amountMinor: 100_000, refundedMinor: 0 },
    { id: cash, kind: 'cash', amountMinor: 18_638, refundedMinor: 0 },
  ],
});

/** What the returns service stores after completing a plan, so the next lookup sees it. */
function afterReturn(before: SaleForReturn, plan: ReturnPlan): SaleForReturn {
  return {
    ...before,
    lines: before.lines.map((line) => {
      const returned = plan.lines.find((planned) => planned.saleLineId === line.id);
      return returned
        ? {
            ...line,
            returnedMilli: line.returnedMilli + returned.quantityMilli,
            refundedMinor: line.refundedMinor + returned.refundMinor,
          }
        : line;
    }),
    tenders: before.tenders.map((tender) => ({
      ...tender,
      refundedMinor:
        tender.refundedMinor +
        (plan.refunds.find((refund) => refund.tenderId === tender.id)?.amountMinor ?? 0),
    })),
  };
}

describe('planReturn', () => {
  it('refunds a whole line to the card it was paid with', () => {
    expect(planReturn(sale(), [{ saleLineId: wine, quantityMilli: 1_000 }])).toEqual({
      ok: true,
      value: {
        lines: [{ saleLineId: wine, quantityMilli: 1_000, refundMinor: 89_900, taxRateBp: 2_000 }],
        totalMinor: 89_900,
        refunds: [{ tenderId: card, kind: 'card', amountMinor: 89_900 }],
      },
    });
  });

  it('refunds a whole sale to card first and the rest in cash', () => {
    const plan = value(
      planReturn(sale(), [
        { saleLineId: yogurt, quantityMilli: 3_000 },
        { saleLineId: apples, quantityMilli: 1_250 },
        { saleLineId: wine, quantityMilli: 1_000 },
      ]),
    );
    expect(plan.totalMinor).toBe(118_638);
    expect(plan.refunds).toEqual([
      { tenderId: card, kind: 'card', amountMinor: 100_000 },
      { tenderId: cash, kind: 'cash', amountMinor: 18_638 },
    ]);
  });

  it('lists the returned lines in the order asked, each with its tax rate', () => {
    const plan = value(
      planReturn(sale(), [
        { saleLineId: wine, quantityMilli: 1_000 },
        { saleLineId: yogurt, quantityMilli: 1_000 },
      ]),
    );
    expect(plan.lines).toEqual([
      { saleLineId: wine, quantityMilli: 1_000, refundMinor: 89_900, taxRateBp: 2_000 },
      { saleLineId: yogurt, quantityMilli: 1_000, refundMinor: 3_333, taxRateBp: 1_000 },
    ]);
    expect(plan.totalMinor).toBe(93_233);
  });

  it('refunds three single returns of a 3-for-100.00 offer as 33.33 + 33.33 + 33.34', () => {
    let current = sale();
    const refunds: number[] = [];
    for (let i = 0; i < 3; i++) {
      const plan = value(planReturn(current, [{ saleLineId: yogurt, quantityMilli: 1_000 }]));
      refunds.push(plan.totalMinor);
      current = afterReturn(current, plan);
    }
    expect(refunds).toEqual([3_333, 3_333, 3_334]);
    expect(current.lines[0]).toMatchObject({ returnedMilli: 3_000, refundedMinor: 10_000 });
  });

  it('refunds two then one piece as 66.67 + 33.33, the line total exactly', () => {
    const first = value(planReturn(sale(), [{ saleLineId: yogurt, quantityMilli: 2_000 }]));
    const second = value(
      planReturn(afterReturn(sale(), first), [{ saleLineId: yogurt, quantityMilli: 1_000 }]),
    );
    expect([first.totalMinor, second.totalMinor]).toEqual([6_667, 3_333]);
  });

  it('never refunds a line more than its total when rounding up repeats', () => {
    // 0.02 for 4 pieces: each piece is worth half a kopeck, which rounds up to 1.
    const tiny: SaleForReturn = {
      status: 'completed',
      lines: [
        {
          id: yogurt,
          quantityMilli: 4_000,
          totalMinor: 2,
          taxRateBp: 1_000,
          unit: 'piece',
          returnedMilli: 0,
          refundedMinor: 0,
        },
      ],
      tenders: [{ id: cash, kind: 'cash', amountMinor: 2, refundedMinor: 0 }],
    };
    let current = tiny;
    const refunds: number[] = [];
    for (let i = 0; i < 4; i++) {
      const plan = value(planReturn(current, [{ saleLineId: yogurt, quantityMilli: 1_000 }]));
      refunds.push(plan.totalMinor);
      current = afterReturn(current, plan);
    }
    expect(refunds).toEqual([1, 1, 0, 0]);
  });

  it('spreads successive returns over card, then cash, down to the last kopeck', () => {
    let current = sale();
    const wineBack = value(planReturn(current, [{ saleLineId: wine, quantityMilli: 1_000 }]));
    current = afterReturn(current, wineBack);
    const applesBack = value(planReturn(current, [{ saleLineId: apples, quantityMilli: 1_250 }]));
    expect(applesBack.refunds).toEqual([
      { tenderId: card, kind: 'card', amountMinor: 10_100 },
      { tenderId: cash, kind: 'cash', amountMinor: 8_638 },
    ]);
    current = afterReturn(current, applesBack);
    const yogurtBack = value(planReturn(current, [{ saleLineId: yogurt, quantityMilli: 3_000 }]));
    expect(yogurtBack.refunds).toEqual([{ tenderId: cash, kind: 'cash', amountMinor: 10_000 }]);
    current = afterReturn(current, yogurtBack);
    expect(current.tenders.map((tender) => tender.amountMinor - tender.refundedMinor)).toEqual([0, 0]);
  });

  it('refunds cards first even when cash was taken first, then cards in sale order', () => {
    const splitTwice: SaleForReturn = {
      ...sale(),
      tenders: [
        { id: cash, kind: 'cash', amountMinor: 18_638, refundedMinor: 0 },
        { id: uuid(23), kind: 'card', amountMinor: 50_000, refundedMinor: 0 },
        { id: card, kind: 'card', amountMinor: 50_000, refundedMinor: 0 },
      ],
    };
    const plan = value(planReturn(splitTwice, [{ saleLineId: wine, quantityMilli: 1_000 }]));
    expect(plan.refunds).toEqual([
      { tenderId: uuid(23), kind: 'card', amountMinor: 50_000 },
      { tenderId: card, kind: 'card', amountMinor: 39_900 },
    ]);
  });

  it('refunds a cash-only sale in cash', () => {
    const cashOnly: SaleForReturn = {
      ...sale(),
      tenders: [{ id: cash, kind: 'cash', amountMinor: 118_638, refundedMinor: 0 }],
    };
    expect(value(planReturn(cashOnly, [{ saleLineId: yogurt, quantityMilli: 1_000 }])).refunds).toEqual([
      { tenderId: cash, kind: 'cash', amountMinor: 3_333 },
    ]);
  });

  it('returns a free item with no refund to pay', () => {
    const gift: SaleForReturn = {
      status: 'completed',
      lines: [
        {
          id: yogurt,
          quantityMilli: 1_000,
          totalMinor: 0,
          taxRateBp: 1_000,
          unit: 'piece',
          returnedMilli: 0,
          refundedMinor: 0,
        },
      ],
      tenders: [{ id: cash, kind: 'cash', amountMinor: 0, refundedMinor: 0 }],
    };
    expect(planReturn(gift, [{ saleLineId: yogurt, quantityMilli: 1_000 }])).toEqual({
      ok: true,
      value: {
        lines: [{ saleLineId: yogurt, quantityMilli: 1_000, refundMinor: 0, taxRateBp: 1_000 }],
        totalMinor: 0,
        refunds: [],
      },
    });
  });

  it('returns weighed goods as the whole weighed pack', () => {
    expect(value(planReturn(sale(), [{ saleLineId: apples, quantityMilli: 1_250 }])).totalMinor).toBe(18_738);
  });

  it('refuses part of a weighed pack', () => {
    expect(planReturn(sale(), [{ saleLineId: apples, quantityMilli: 1_000 }])).toEqual(
      refusal('BAD_QUANTITY', { reason: 'whole_weight_only', remainingMilli: 1_250 }),
    );
  });

  it('refuses more than was sold, naming what is left', () => {
    expect(planReturn(sale(), [{ saleLineId: yogurt, quantityMilli: 4_000 }])).toEqual(
      refusal('RETURN_EXCEEDS_SOLD', { saleLineId: yogurt, remainingMilli: 3_000 }),
    );
    expect(planReturn(sale(), [{ saleLineId: apples, quantityMilli: 1_251 }])).toEqual(
      refusal('RETURN_EXCEEDS_SOLD', { saleLineId: apples, remainingMilli: 1_250 }),
    );
  });

  it('refuses more than is left after an earlier return', () => {
    const once = afterReturn(
      sale(),
      value(planReturn(sale(), [{ saleLineId: yogurt, quantityMilli: 1_000 }])),
    );
    expect(planReturn(once, [{ saleLineId: yogurt, quantityMilli: 3_000 }])).toEqual(
      refusal('RETURN_EXCEEDS_SOLD', { saleLineId: yogurt, remainingMilli: 2_000 }),
    );
  });

  it('refuses a second return of a fully returned line', () => {
    const once = afterReturn(sale(), value(planReturn(sale(), [{ saleLineId: wine, quantityMilli: 1_000 }])));
    expect(planReturn(once, [{ saleLineId: wine, quantityMilli: 1_000 }])).toEqual(
      refusal('RETURN_EXCEEDS_SOLD', { saleLineId: wine, remainingMilli: 0 }),
    );
  });

  it('refuses zero, negative and fractional piece quantities', () => {
    expect(planReturn(sale(), [{ saleLineId: yogurt, quantityMilli: 0 }])).toEqual(
      refusal('BAD_QUANTITY', { reason: 'zero' }),
    );
    expect(planReturn(sale(), [{ saleLineId: yogurt, quantityMilli: -1_000 }])).toEqual(
      refusal('BAD_QUANTITY', { reason: 'negative' }),
    );
    expect(planReturn(sale(), [{ saleLineId: yogurt, quantityMilli: 1_500 }])).toEqual(
      refusal('BAD_QUANTITY', { reason: 'fractional' }),
    );
  });

  it('refuses a voided sale', () => {
    const voided: SaleForReturn = { ...sale(), status: 'voided' };
    expect(planReturn(voided, [{ saleLineId: wine, quantityMilli: 1_000 }])).toEqual(refusal('SALE_VOIDED'));
    expect(planReturn(voided, [])).toEqual(refusal('SALE_VOIDED'));
  });

  it('refuses an empty request', () => {
    expect(planReturn(sale(), [])).toEqual(refusal('NOTHING_TO_RETURN'));
  });

  it('refuses a line that is not on the sale', () => {
    expect(planReturn(sale(), [{ saleLineId: uuid(99), quantityMilli: 1_000 }])).toEqual(
      refusal('LINE_NOT_FOUND', { saleLineId: uuid(99) }),
    );
  });

  it('refuses the same line twice in one return', () => {
    const request = [
      { saleLineId: yogurt, quantityMilli: 1_000 },
      { saleLineId: yogurt, quantityMilli: 1_000 },
    ];
    expect(planReturn(sale(), request)).toEqual(refusal('BAD_REQUEST', { saleLineId: yogurt }));
  });

  it('refuses the whole return when one of its lines is wrong', () => {
    const request = [
      { saleLineId: wine, quantityMilli: 1_000 },
      { saleLineId: yogurt, quantityMilli: 5_000 },
    ];
    expect(planReturn(sale(), request)).toEqual(refusal('RETURN_EXCEEDS_SOLD'));
  });

  it('reports an internal error when the tenders cannot take the refund back', () => {
    const drained: SaleForReturn = {
      ...sale(),
      tenders: sale().tenders.map((tender) => ({ ...tender, refundedMinor: tender.amountMinor })),
    };
    expect(planReturn(drained, [{ saleLineId: wine, quantityMilli: 1_000 }])).toEqual(
      refusal('INTERNAL', { shortMinor: 89_900 }),
    );
  });

  it('never changes the sale or request it is given', () => {
    const frozen = deepFreeze(sale());
    const request = deepFreeze([{ saleLineId: yogurt, quantityMilli: 1_000 }]);
    value(planReturn(frozen, request));
    expect(frozen).toEqual(sale());
  });
});
