import { describe, expect, it, vi } from 'vitest';
import type { FakeApi } from './fakeApi.test-support';
import {
  cart,
  createFakeApi,
  milk,
  nextCartId,
  ok,
  receipt,
  saleCartId,
  status,
} from './fakeApi.test-support';
import { createPosStore } from './posStore';
import { canRetryCommit, isPayVisible } from './types';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function signedInStore(api: FakeApi = createFakeApi()) {
  api.handle('session.status', () => ok(status(true)));
  api.handle('cart.get', () => ok(cart(saleCartId)));
  api.handle('cart.scan', () => ok(cart(saleCartId, [milk])));
  const feedback = { scanAccepted: vi.fn(), error: vi.fn() };
  const store = createPosStore(api, feedback);
  store.start();
  await settle();
  return { api, store, feedback };
}

describe('the till on screen', () => {
  it('opens checkout with the current cart when a cashier is signed in', async () => {
    const { store } = await signedInStore();
    expect(store.getState().screen).toBe('checkout');
    expect(store.getState().cart?.id).toBe(saleCartId);
  });

  it('shows the login when nobody is signed in, with the users to choose from', async () => {
    const api = createFakeApi();
    api.handle('session.status', () => ok(status(false)));
    api.handle('session.cashiers', () => ok([{ id: 1, name: 'Anna', role: 'cashier' as const }]));
    const store = createPosStore(api, { scanAccepted: vi.fn(), error: vi.fn() });
    store.start();
    await settle();
    expect(store.getState().screen).toBe('login');
    expect(store.getState().cashiers?.map((user) => user.name)).toEqual(['Anna']);
  });

  it('adds a scanned item and ticks', async () => {
    const { store, feedback } = await signedInStore();
    await store.scan('4600000000017', 'wedge');
    expect(store.getState().cart?.lines).toHaveLength(1);
    expect(feedback.scanAccepted).toHaveBeenCalledOnce();
  });

  it('buzzes and shows a toast for an unknown barcode, keeping the cart', async () => {
    const { api, store, feedback } = await signedInStore();
    api.handle('cart.scan', () => ({
      ok: false,
      error: { code: 'UNKNOWN_BARCODE', message: 'unknown', params: { barcode: '123' } },
    }));
    await store.scan('1234567890128', 'manual');
    expect(feedback.error).toHaveBeenCalledOnce();
    expect(store.getState().toasts.map((toast) => toast.code)).toEqual(['UNKNOWN_BARCODE']);
    expect(store.getState().cart?.id).toBe(saleCartId);
  });

  it('sends scans one after another in the order they were made', async () => {
    const { api, store } = await signedInStore();
    const order: string[] = [];
    api.handle('cart.scan', async ({ code }) => {
      order.push(`start ${code}`);
      await settle();
      order.push(`end ${code}`);
      return ok(cart(saleCartId, [milk]));
    });
    await Promise.all([store.scan('1111111111116', 'wedge'), store.scan('2222222222222', 'wedge')]);
    expect(order).toEqual([
      'start 1111111111116',
      'end 1111111111116',
      'start 2222222222222',
      'end 2222222222222',
    ]);
  });

  it('opens the return screen when a receipt number is scanned in checkout', async () => {
    const { api, store } = await signedInStore();
    api.handle('returns.lookup', ({ receiptNo }) =>
      ok({
        saleId: receipt.id,
        receiptNo,
        createdAt: receipt.createdAt,
        status: 'completed' as const,
        currency: 'RUB',
        totalMinor: 8990,
        tenders: [],
        lines: [],
      }),
    );
    await store.scan('R0001-01-000042', 'wedge');
    expect(store.getState().screen).toBe('returns');
    expect(store.getState().returns.sale?.receiptNo).toBe('R0001-01-000042');
    expect(api.calls.some((call) => call.name === 'cart.scan')).toBe(false);
  });

  it('sends one payment however many times Cash is tapped', async () => {
    const { api, store } = await signedInStore();
    await store.scan('4600000000017', 'wedge');
    api.handle('payment.cash', () => ok({ status: 'completed' as const, receipt, cart: cart(nextCartId) }));
    await Promise.all([store.payCash(10000), store.payCash(10000), store.payCard(8990)]);
    expect(api.calls.filter((call) => call.name.startsWith('payment.'))).toHaveLength(1);
  });

  it('shows the receipt after the sale completes and never brings the paid cart back', async () => {
    const { api, store } = await signedInStore();
    await store.scan('4600000000017', 'wedge');
    store.openPay();
    api.handle('payment.cash', () => ok({ status: 'completed' as const, receipt, cart: cart(nextCartId) }));
    await store.payCash(10000);
    api.emit('cart.changed', cart(saleCartId, [milk]));
    expect(store.getState().screen).toBe('receipt');
    expect(store.getState().receipt?.receiptNo).toBe('R0001-01-000042');
    expect(store.getState().cart?.id).toBe(nextCartId);
  });

  it('starts the next sale when an item is scanned on the receipt', async () => {
    const { api, store } = await signedInStore();
    api.handle('payment.cash', () => ok({ status: 'completed' as const, receipt, cart: cart(nextCartId) }));
    await store.scan('4600000000017', 'wedge');
    await store.payCash(10000);
    api.handle('cart.scan', () => ok(cart(nextCartId, [milk])));
    await store.scan('4600000000017', 'wedge');
    expect(store.getState().screen).toBe('checkout');
    expect(store.getState().cart?.id).toBe(nextCartId);
  });

  it('keeps the cart and offers a retry when the sale cannot be saved', async () => {
    const { api, store } = await signedInStore();
    await store.scan('4600000000017', 'wedge');
    store.openPay();
    api.handle('payment.cash', () => ({
      ok: false,
      error: { code: 'STORE_BUSY', message: 'database is locked' },
    }));
    await store.payCash(8990);
    expect(store.getState().cart?.lines).toHaveLength(1);
    expect(canRetryCommit(store.getState())).toBe(true);
    expect(isPayVisible(store.getState())).toBe(true);

    api.handle('sale.complete', () => ok({ status: 'completed' as const, receipt, cart: cart(nextCartId) }));
    await store.retryCommit();
    expect(api.calls.at(-1)).toEqual({ name: 'sale.complete', input: { cartId: saleCartId } });
    expect(store.getState().screen).toBe('receipt');
  });

  it('follows the card terminal’s progress while a card payment is in flight', async () => {
    const { api, store } = await signedInStore();
    await store.scan('4600000000017', 'wedge');
    let approve: (
      value: ReturnType<typeof ok<{ status: 'partial'; cart: ReturnType<typeof cart> }>>,
    ) => void = () => {};
    api.handle('payment.card', () => new Promise((resolve) => (approve = resolve)));
    const paying = store.payCard(8990);
    await settle();
    expect(store.getState().payment).toMatchObject({ busy: 'card', stage: 'present-card' });
    api.emit('payment.progress', { cartId: saleCartId, stage: 'authorizing', amountMinor: 8990 });
    expect(store.getState().payment.stage).toBe('authorizing');
    approve(ok({ status: 'partial' as const, cart: cart(saleCartId, [milk]) }));
    await paying;
    expect(store.getState().payment.busy).toBeNull();
  });

  it('returns to the login when main says the session has ended', async () => {
    const { api, store } = await signedInStore();
    api.handle('session.cashiers', () => ok([]));
    api.emit('session.changed', status(false));
    expect(store.getState().screen).toBe('login');
    expect(store.getState().cart).toBeNull();
  });
});
