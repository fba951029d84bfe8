import { describe, expect, it } from 'vitest';
import { basketProducts, isBought } from './basket';

const milk = 101;
const bread = 102;
const eggs = 103;

describe('basketProducts', () => {
  it('counts a product scanned twice once, in ascending order', () => {
    const items = [
      { productId: bread, quantity: 1 },
      { productId: milk, quantity: 2 },
      { productId: bread, quantity: 1 },
    ];
    expect(basketProducts({ customerId: 'C1', at: 0, items })).toEqual([milk, bread]);
  });

  it('leaves out returned, voided and unreadable lines', () => {
    const items = [
      { productId: milk, quantity: -1 },
      { productId: bread, quantity: 0 },
      { productId: eggs, quantity: Number.NaN },
      { productId: 1.5, quantity: 1 },
      { productId: 104, quantity: 0.455 },
    ];
    expect(basketProducts({ customerId: null, at: 0, items })).toEqual([104]);
  });
});

describe('isBought', () => {
  it('takes a weighed quantity as bought and infinity as not', () => {
    expect(isBought(milk, 0.25)).toBe(true);
    expect(isBought(milk, Number.POSITIVE_INFINITY)).toBe(false);
  });
});
