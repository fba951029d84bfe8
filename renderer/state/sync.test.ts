import { describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../contract/sync-status';
import type { FakeApi } from './fakeApi.test-support';
import {
  cart,
  createFakeApi,
  milk,
  nextCartId,
  ok,
  receipt,
  receiptPrinter,
  saleCartId,
  status,
  syncOffline,
  syncOnline,
} from './fakeApi.test-support';
import { createPosStore } from './posStore';
import { canEnrol } from './sync';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const notEnrolled = syncOnline({ state: 'not-enrolled', lastSuccessAt: null });

async function signedInStore(sync: SyncStatus = notEnrolled, role: 'cashier' | 'manager' = 'cashier') {
  const api: FakeApi = createFakeApi();
  const session = status(true);
  api.handle('session.status', () => ok({ ...session, user: session.user && { ...session.user, role } }));
  api.handle('cart.get', () => ok(cart(saleCartId)));
  api.handle('cart.scan', () => ok(cart(saleCartId, [milk])));
  api.handle('devices.list', () => ok([receiptPrinter]));
  api.handle('printer.queue', () => ok({ queued: 0, recent: [] }));
  api.handle('sync.status', () => ok(sync));
  const store = createPosStore(api, { scanAccepted: vi.fn(), error: vi.fn() });
  store.start();
  await settle();
  return { api, store };
}

describe('the link to HQ on screen', () => {
  it('is read once someone signs in, and not for the login screen', async () => {
    const { store } = await signedInStore(notEnrolled);
    expect(store.getState().sync).toEqual(notEnrolled);

    const api = createFakeApi();
    api.handle('session.status', () => ok(status(false)));
    api.handle('session.cashiers', () => ok([]));
    const loggedOut = createPosStore(api, { scanAccepted: vi.fn(), error: vi.fn() });
    loggedOut.start();
    await settle();
    expect(api.calls.map((call) => call.name)).not.toContain('sync.status');
    expect(loggedOut.getState().sync).toBeNull();
  });

  it('follows main when HQ stops answering', async () => {
    const { api, store } = await signedInStore(syncOnline());
    api.emit('sync.changed', syncOffline());
    expect(store.getState().sync).toEqual(syncOffline());
  });

  it('reads the queue again after a sale, which main does not announce while it backs off', async () => {
    const { api, store } = await signedInStore(syncOffline());
    await store.scan('4600000000017', 'wedge');
    api.handle('payment.cash', () => ok({ status: 'completed' as const, receipt, cart: cart(nextCartId) }));
    api.handle('sync.status', () => ok(syncOffline({ queueDepth: 2 })));
    await store.payCash(10000);
    await settle();
    expect(store.getState().sync?.queueDepth).toBe(2);
  });

  it('reads the status again when main announces a change while it is being read', async () => {
    const { api, store } = await signedInStore(syncOnline());
    let answer = syncOnline({ queueDepth: 1 });
    api.handle('sync.status', async () => {
      const now = answer;
      await settle();
      return ok(now);
    });
    store.openSync();
    answer = syncOnline();
    // The push ended while the page's read was on its way: the read may be the older one.
    api.emit('sync.changed', syncOnline());
    await settle();
    await settle();
    expect(store.getState().sync?.queueDepth).toBe(0);
  });

  it('forgets the link when the cashier logs out, and ignores announcements until the next sign-in', async () => {
    const { api, store } = await signedInStore(syncOnline());
    api.handle('session.logout', () => ok({}));
    api.handle('session.cashiers', () => ok([]));
    await store.logout();
    api.emit('sync.changed', syncOffline());
    expect(store.getState().sync).toBeNull();
  });

  it('opens the sync page with the status as it is now and goes back to the sale', async () => {
    const { api, store } = await signedInStore(syncOnline());
    api.handle('sync.status', () => ok(syncOffline()));
    store.openSync();
    expect(store.getState().screen).toBe('sync');
    await settle();
    expect(store.getState().sync).toEqual(syncOffline());
    store.closeSync();
    expect(store.getState().screen).toBe('checkout');
  });

  it('goes back to the sale when an item is scanned on the sync page', async () => {
    const { store } = await signedInStore();
    store.openSync();
    await store.scan('4600000000017', 'wedge');
    expect(store.getState().screen).toBe('checkout');
    expect(store.getState().cart?.lines).toHaveLength(1);
  });

  it('retries now and shows the status read after it', async () => {
    const { api, store } = await signedInStore(syncOffline());
    api.handle('sync.retryNow', () => ok(syncOffline()));
    api.handle('sync.status', () => ok(syncOnline()));
    await store.retrySync();
    expect(api.calls.map((call) => call.name)).toContain('sync.retryNow');
    expect(store.getState().sync).toEqual(syncOnline());
  });

  it('lets only a manager enrol the till', async () => {
    expect(canEnrol((await signedInStore(notEnrolled, 'cashier')).store.getState())).toBe(false);
    expect(canEnrol((await signedInStore(notEnrolled, 'manager')).store.getState())).toBe(true);
  });

  it('hands a refused enrolment to the form rather than to a toast, and changes nothing', async () => {
    const { api, store } = await signedInStore(notEnrolled, 'manager');
    api.handle('sync.enrol', () => ({
      ok: false,
      error: { code: 'ENROL_REFUSED', message: 'unknown code', params: { reason: 'ENROL_CODE_REFUSED' } },
    }));
    const result = await store.enrolTill({ hqUrl: 'https://hq.example', code: 'ABCDE-FGHJK' });
    expect(result).toMatchObject({ ok: false, error: { code: 'ENROL_REFUSED' } });
    expect(store.getState().toasts).toEqual([]);
    expect(store.getState().sync).toEqual(notEnrolled);
  });

  it('shows the link as main reports it after an enrolment', async () => {
    const { api, store } = await signedInStore(notEnrolled, 'manager');
    api.handle('sync.enrol', () => ok(notEnrolled));
    api.handle('sync.status', () => ok(syncOnline()));
    const result = await store.enrolTill({ hqUrl: 'https://hq.example', code: 'ABCDE-FGHJK' });
    expect(result.ok).toBe(true);
    expect(api.calls.find((call) => call.name === 'sync.enrol')?.input).toEqual({
      hqUrl: 'https://hq.example',
      code: 'ABCDE-FGHJK',
    });
    expect(store.getState().sync).toEqual(syncOnline());
  });
});
