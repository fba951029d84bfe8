import { describe, expect, it, vi } from 'vitest';
import type { FakeApi } from './fakeApi.test-support';
import {
  cart,
  createFakeApi,
  milk,
  nextCartId,
  ok,
  printJob,
  receipt,
  receiptPrinter,
  saleCartId,
  serialScanner,
  status,
  syncOnline,
} from './fakeApi.test-support';
import { createPosStore } from './posStore';
import { canRetryCommit, isPayVisible } from './types';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function signedInStore(api: FakeApi = createFakeApi()) {
  api.handle('session.status', () => ok(status(true)));
  api.handle('cart.get', () => ok(cart(saleCartId)));
  api.handle('cart.scan', () => ok(cart(saleCartId, [milk])));
  api.handle('devices.list', () => ok([serialScanner, receiptPrinter]));
  api.handle('printer.queue', () => ok({ queued: 0, recent: [] }));
  api.handle('sync.status', () => ok(syncOnline()));
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
    expect(api.calls.filter((call) => call.name === 'sale.complete')).toEqual([
      { name: 'sale.complete', input: { cartId: saleCartId } },
    ]);
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

const returnableSale = (receiptNo: string) =>
  ok({
    saleId: receipt.id,
    receiptNo,
    createdAt: receipt.createdAt,
    status: 'completed' as const,
    currency: 'RUB',
    totalMinor: 8990,
    tenders: [],
    lines: [],
  });

describe('devices and printing on screen', () => {
  it('loads the devices and the print queue once the cashier is signed in', async () => {
    const { store } = await signedInStore();
    expect(store.getState().devices?.map((device) => device.id)).toEqual([
      serialScanner.id,
      receiptPrinter.id,
    ]);
    expect(store.getState().printQueue).toEqual({ queued: 0, recent: [] });
  });

  it('loads no devices for the login screen', async () => {
    const api = createFakeApi();
    api.handle('session.status', () => ok(status(false)));
    api.handle('session.cashiers', () => ok([]));
    const store = createPosStore(api, { scanAccepted: vi.fn(), error: vi.fn() });
    store.start();
    await settle();
    expect(api.calls.map((call) => call.name)).not.toContain('devices.list');
    expect(store.getState().devices).toBeNull();
  });

  it('shows a printer running out of paper as main reports it', async () => {
    const { api, store } = await signedInStore();
    api.emit('device.changed', { ...receiptPrinter, state: 'error', problem: 'paper-out' });
    const printer = store.getState().devices?.find((device) => device.id === receiptPrinter.id);
    expect(printer).toMatchObject({ state: 'error', problem: 'paper-out' });
    expect(store.getState().devices).toHaveLength(2);
  });

  it('adds a device plugged in after the list was loaded', async () => {
    const { api, store } = await signedInStore();
    const hid = { ...serialScanner, id: 'scanner-hid', transport: 'hid' as const, address: 'usb 0c2e:0b61' };
    api.emit('device.changed', hid);
    expect(store.getState().devices?.map((device) => device.id)).toContain('scanner-hid');
  });

  it('drops a scanner that was unplugged and is no longer listed', async () => {
    const { api, store } = await signedInStore();
    api.handle('devices.list', () => ok([receiptPrinter]));
    api.emit('device.changed', { ...serialScanner, state: 'closed' });
    await settle();
    expect(store.getState().devices?.map((device) => device.id)).toEqual([receiptPrinter.id]);
  });

  it('loads the devices again when one changes while the list is on its way', async () => {
    const { api, store } = await signedInStore();
    let answer: () => void = () => {};
    let listed = 0;
    api.handle('devices.list', () => {
      listed += 1;
      // The first answer was read before the printer ran out of paper; the second after.
      const printer =
        listed === 1
          ? receiptPrinter
          : { ...receiptPrinter, state: 'error' as const, problem: 'paper-out' as const };
      return new Promise((resolve) => (answer = () => resolve(ok([serialScanner, printer]))));
    });
    const loading = store.loadDevices();
    await settle();
    api.emit('device.changed', { ...receiptPrinter, state: 'error', problem: 'paper-out' });
    answer();
    await settle();
    answer();
    await loading;
    expect(listed).toBe(2);
    expect(store.getState().devices?.find((device) => device.role === 'printer')?.problem).toBe('paper-out');
  });

  it('follows a receipt through the print queue, counting what waits', async () => {
    const { api, store } = await signedInStore();
    api.handle('printer.queue', () => ok({ queued: 1, recent: [printJob()] }));
    await store.loadDevices();
    api.emit('print.changed', printJob({ attempts: 1, lastProblem: 'paper-out' }));
    expect(store.getState().printQueue).toEqual({
      queued: 1,
      recent: [printJob({ attempts: 1, lastProblem: 'paper-out' })],
    });
    const printed = printJob({ status: 'printed', attempts: 2, printedAt: '2025-11-23T10:20:00.000Z' });
    api.emit('print.changed', printed);
    expect(store.getState().printQueue).toEqual({ queued: 0, recent: [printed] });
  });

  it('asks for the queue again when a job it did not list changes', async () => {
    const { api, store } = await signedInStore();
    const reprint = printJob({
      id: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
      kind: 'reprint',
      status: 'printed',
    });
    api.handle('printer.queue', () => ok({ queued: 0, recent: [reprint] }));
    const before = api.calls.filter((call) => call.name === 'printer.queue').length;
    api.emit('print.changed', reprint);
    expect(store.getState().printQueue?.recent[0]).toEqual(reprint);
    await settle();
    expect(api.calls.filter((call) => call.name === 'printer.queue')).toHaveLength(before + 1);
  });

  it('shows the receipt’s print job once the sale is completed', async () => {
    const { api, store } = await signedInStore();
    await store.scan('4600000000017', 'wedge');
    api.handle('payment.cash', () => ok({ status: 'completed' as const, receipt, cart: cart(nextCartId) }));
    api.handle('printer.queue', () => ok({ queued: 1, recent: [printJob()] }));
    await store.payCash(10000);
    await settle();
    expect(store.getState().printQueue?.recent[0]?.receiptNo).toBe(receipt.receiptNo);
  });

  it('shows a notice from main as a toast and sounds the error tone', async () => {
    const { api, store, feedback } = await signedInStore();
    api.emit('notice', {
      code: 'PRINTER_PROBLEM',
      message: 'paper out',
      params: { problem: 'paper-out', receiptNo: receipt.receiptNo },
    });
    expect(store.getState().toasts).toEqual([
      expect.objectContaining({
        code: 'PRINTER_PROBLEM',
        params: { problem: 'paper-out', receiptNo: receipt.receiptNo },
      }),
    ]);
    expect(feedback.error).toHaveBeenCalledOnce();
  });

  it('sounds a refused device scan once, not twice', async () => {
    const { api, feedback } = await signedInStore();
    api.emit('notice', { code: 'INVALID_BARCODE', message: 'bad check digit', params: { barcode: '1' } });
    expect(feedback.error).toHaveBeenCalledOnce();
  });

  it('opens the return screen with the sale when a device scanner reads a receipt number', async () => {
    const { api, store } = await signedInStore();
    api.handle('returns.lookup', ({ receiptNo }) => returnableSale(receiptNo));
    api.emit('scan.receipt', { receiptNo: 'R0001-01-000042' });
    await settle();
    expect(store.getState().screen).toBe('returns');
    expect(store.getState().returns.sale?.receiptNo).toBe('R0001-01-000042');
  });

  it('ignores a scanned receipt number while nobody is signed in', async () => {
    const api = createFakeApi();
    api.handle('session.status', () => ok(status(false)));
    api.handle('session.cashiers', () => ok([]));
    const store = createPosStore(api, { scanAccepted: vi.fn(), error: vi.fn() });
    store.start();
    await settle();
    api.emit('scan.receipt', { receiptNo: 'R0001-01-000042' });
    await settle();
    expect(store.getState().screen).toBe('login');
    expect(api.calls.map((call) => call.name)).not.toContain('returns.lookup');
  });

  it('does not leave a card payment for a scanned receipt number', async () => {
    const { api, store } = await signedInStore();
    await store.scan('4600000000017', 'wedge');
    api.handle('payment.card', () => new Promise(() => {}));
    void store.payCard(8990);
    await settle();
    api.emit('scan.receipt', { receiptNo: 'R0001-01-000042' });
    await settle();
    expect(store.getState().screen).toBe('checkout');
    expect(store.getState().toasts.map((toast) => toast.code)).toEqual(['PAYMENT_IN_PROGRESS']);
  });

  it('opens the devices page with fresh figures and goes back to the sale', async () => {
    const { api, store } = await signedInStore();
    const scanned = { ...serialScanner, events: 12, rejected: 1 };
    api.handle('devices.list', () => ok([scanned, receiptPrinter]));
    store.openDevices();
    expect(store.getState().screen).toBe('devices');
    await settle();
    expect(store.getState().devices?.[0]).toEqual(scanned);
    store.closeDevices();
    expect(store.getState().screen).toBe('checkout');
  });

  it('goes back to the sale when an item is scanned on the devices page', async () => {
    const { store } = await signedInStore();
    store.openDevices();
    await store.scan('4600000000017', 'wedge');
    expect(store.getState().screen).toBe('checkout');
    expect(store.getState().cart?.lines).toHaveLength(1);
  });

  it('sends one reprint however many times Reprint is tapped', async () => {
    const { api, store } = await signedInStore();
    const copy = printJob({ id: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', kind: 'reprint' });
    api.handle('printer.queue', () => ok({ queued: 1, recent: [copy] }));
    api.handle('printer.reprintLast', async () => {
      await settle();
      return ok(copy);
    });
    const [first, second] = await Promise.all([store.reprintLast(), store.reprintLast()]);
    expect(first).toEqual(copy);
    expect(second).toBeNull();
    expect(api.calls.filter((call) => call.name === 'printer.reprintLast')).toHaveLength(1);
    expect(store.getState().printQueue).toEqual({ queued: 1, recent: [copy] });
    expect(store.getState().reprinting).toBe(false);
  });

  it('tells the cashier when there is nothing to reprint', async () => {
    const { api, store } = await signedInStore();
    api.handle('printer.reprintLast', () => ({
      ok: false,
      error: { code: 'NOTHING_TO_PRINT', message: 'nothing yet' },
    }));
    expect(await store.reprintLast()).toBeNull();
    expect(store.getState().toasts.map((toast) => toast.code)).toEqual(['NOTHING_TO_PRINT']);
  });

  it('sends a label through the chosen simulated scanner', async () => {
    const { api, store } = await signedInStore();
    api.handle('simulator.scan', () => ok({}));
    expect(await store.simulateScan('hid', '4600000000017')).toBe(true);
    expect(api.calls.at(-1)).toEqual({
      name: 'simulator.scan',
      input: { via: 'hid', data: '4600000000017' },
    });
  });

  it('remembers what was set on the simulated printer, and only once main took it', async () => {
    const { api, store } = await signedInStore();
    api.handle('simulator.printer', () => ok({}));
    expect(await store.simulatePrinter({ paperOut: true })).toBe(true);
    expect(await store.simulatePrinter({ coverOpen: true })).toBe(true);
    expect(store.getState().simulatedPrinter).toEqual({
      paperOut: true,
      paperNearEnd: false,
      coverOpen: true,
      pluggedIn: true,
    });
    api.handle('simulator.printer', () => ({ ok: false, error: { code: 'NOT_SIMULATED', message: 'real' } }));
    expect(await store.simulatePrinter({ pluggedIn: false })).toBe(false);
    expect(store.getState().simulatedPrinter?.pluggedIn).toBe(true);
  });

  it('forgets the devices when the cashier logs out', async () => {
    const { api, store } = await signedInStore();
    api.handle('session.logout', () => ok({}));
    api.handle('session.cashiers', () => ok([]));
    await store.logout();
    expect(store.getState().devices).toBeNull();
    expect(store.getState().printQueue).toBeNull();
  });
});
