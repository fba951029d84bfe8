import { describe, expect, it, vi } from 'vitest';
import type { Purchase } from '../../contract/customers';
import type { FakeApi } from './fakeApi.test-support';
import {
  cart,
  createFakeApi,
  milk,
  nextCartId,
  ok,
  olga,
  olgaProfile,
  receipt,
  receiptPrinter,
  saleCartId,
  status,
  syncOnline,
} from './fakeApi.test-support';
import { createPosStore } from './posStore';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function signedInStore(api: FakeApi = createFakeApi()) {
  api.handle('session.status', () => ok(status(true)));
  api.handle('cart.get', () => ok(cart(saleCartId)));
  api.handle('devices.list', () => ok([receiptPrinter]));
  api.handle('printer.queue', () => ok({ queued: 0, recent: [] }));
  api.handle('sync.status', () => ok(syncOnline()));
  api.handle('customers.profile', () => ok(olgaProfile()));
  const feedback = { scanAccepted: vi.fn(), error: vi.fn() };
  const store = createPosStore(api, feedback);
  store.start();
  await settle();
  return { api, store, feedback };
}

const withOlga = (lines = [milk]) => cart(saleCartId, lines, [], { customer: olga });
const purchase = (documentNo: string): Purchase => ({
  documentNo,
  channel: 'store',
  storeCode: '0001',
  at: '2025-11-07T09:00:00.000Z',
  totalMinor: 8990,
  lines: [],
});
const profileCalls = (api: FakeApi) => api.calls.filter((call) => call.name === 'customers.profile');

describe('the customer beside the cart', () => {
  it('opens the profile when a scanned loyalty card attaches the customer to the cart', async () => {
    const { api, store } = await signedInStore();
    api.handle('cart.scan', () => ok(withOlga()));
    await store.scan('2700000000420', 'wedge');
    await settle();
    expect(store.getState().cart?.lines).toHaveLength(1);
    expect(store.getState().customer).toMatchObject({ customerId: olga.id, loading: false });
    expect(store.getState().customer.profile?.name).toBe(olga.name);
  });

  it('keeps a customer a swipe attached while a scan of ours was in flight, whose answer came after', async () => {
    const { api, store } = await signedInStore();
    let answer: (value: ReturnType<typeof ok<ReturnType<typeof cart>>>) => void = () => {};
    api.handle('cart.scan', () => new Promise((resolve) => (answer = resolve)));
    const scanning = store.scan('4600000000017', 'wedge');
    await settle();
    // Main booked the scan, then the swipe attached Olga; the scan's answer predates the swipe.
    api.handle('cart.get', () => ok(withOlga()));
    api.emit('cart.changed', withOlga());
    answer(ok(cart(saleCartId, [milk])));
    await scanning;
    await settle();
    await settle();
    expect(store.getState().cart?.customer?.id).toBe(olga.id);
    expect(store.getState().customer.profile?.id).toBe(olga.id);
  });

  it('opens the profile when main pushes a cart that names a customer', async () => {
    const { api, store } = await signedInStore();
    api.emit('cart.changed', withOlga());
    await settle();
    expect(store.getState().customer.profile?.id).toBe(olga.id);
  });

  it('attaches a single match at once and shows it without loading the profile again', async () => {
    const { api, store } = await signedInStore();
    api.handle('customers.identify', () =>
      ok({ kind: 'one' as const, by: 'last4' as const, profile: olgaProfile() }),
    );
    api.handle('cart.attachCustomer', ({ customerId }) => {
      expect(customerId).toBe(olga.id);
      return ok(withOlga([]));
    });
    const found = await store.identifyCustomer('4567');
    expect(found?.kind).toBe('one');
    expect(store.getState().cart?.customer?.id).toBe(olga.id);
    expect(store.getState().customer.profile?.id).toBe(olga.id);
    expect(profileCalls(api)).toHaveLength(0);
  });

  it('says nothing was found when the single match cannot be attached to the cart', async () => {
    const { api, store } = await signedInStore();
    api.handle('customers.identify', () =>
      ok({ kind: 'one' as const, by: 'card' as const, profile: olgaProfile() }),
    );
    api.handle('cart.attachCustomer', () => ({
      ok: false,
      error: { code: 'CART_LOCKED', message: 'paying' },
    }));
    expect(await store.identifyCustomer('2700000000420')).toBeNull();
    expect(store.getState().toasts.map((toast) => toast.code)).toEqual(['CART_LOCKED']);
    expect(store.getState().customer.customerId).toBeNull();
  });

  it('leaves a pick list to the cashier without attaching anyone', async () => {
    const { api, store } = await signedInStore();
    const candidates = [
      { id: 42, name: olga.name, phoneMasked: '+7 *** ***-45-67' },
      { id: 43, name: 'Олег Смирнов', phoneMasked: '+7 *** ***-45-67' },
    ];
    api.handle('customers.identify', () =>
      ok({ kind: 'many' as const, by: 'last4' as const, candidates, more: false }),
    );
    const found = await store.identifyCustomer('4567');
    expect(found).toMatchObject({ kind: 'many', candidates });
    expect(api.calls.some((call) => call.name === 'cart.attachCustomer')).toBe(false);
    expect(store.getState().customer.customerId).toBeNull();
  });

  it('closes the panel when the sale completes and the next cart has no customer', async () => {
    const { api, store } = await signedInStore();
    api.handle('cart.scan', () => ok(withOlga()));
    await store.scan('2700000000420', 'wedge');
    await settle();
    api.handle('payment.cash', () => ok({ status: 'completed' as const, receipt, cart: cart(nextCartId) }));
    await store.payCash(10000);
    expect(store.getState().screen).toBe('receipt');
    expect(store.getState().customer.customerId).toBeNull();
    expect(store.getState().customer.profile).toBeNull();
  });

  it('drops a profile that arrives after the customer was taken off the cart', async () => {
    const { api, store } = await signedInStore();
    let answer: (value: ReturnType<typeof ok<ReturnType<typeof olgaProfile>>>) => void = () => {};
    api.handle('customers.profile', () => new Promise((resolve) => (answer = resolve)));
    api.emit('cart.changed', withOlga());
    await settle();
    expect(store.getState().customer).toMatchObject({ customerId: olga.id, loading: true });
    api.handle('cart.detachCustomer', () => ok(cart(saleCartId, [milk])));
    await store.detachCustomer();
    answer(ok(olgaProfile()));
    await settle();
    expect(store.getState().customer).toMatchObject({ customerId: null, profile: null });
  });

  it('asks for suggestions again once the cart’s products changed, when they are looked at', async () => {
    const { api, store } = await signedInStore();
    api.emit('cart.changed', withOlga([milk]));
    await settle();
    expect(profileCalls(api)).toHaveLength(1);
    store.refreshSuggestions();
    expect(profileCalls(api)).toHaveLength(1);

    api.handle('cart.setQuantity', () => ok(withOlga([{ ...milk, quantityMilli: 2000, totalMinor: 17980 }])));
    await store.setQuantity(milk.id, 2000);
    store.refreshSuggestions();
    expect(profileCalls(api)).toHaveLength(1);

    const bread = {
      ...milk,
      id: '22222222-2222-4222-8222-222222222222',
      productId: 12,
      barcode: '4600000000024',
    };
    api.handle('cart.scan', () => ok(withOlga([milk, bread])));
    await store.scan(bread.barcode, 'wedge');
    expect(profileCalls(api)).toHaveLength(1);
    store.refreshSuggestions();
    await settle();
    expect(profileCalls(api)).toHaveLength(2);
    store.refreshSuggestions();
    expect(profileCalls(api)).toHaveLength(2);
  });

  it('pages older purchases on from where the profile’s own page ends', async () => {
    const { api, store } = await signedInStore();
    api.handle('customers.profile', () =>
      ok(
        olgaProfile({ history: [purchase('0001-01-000010'), purchase('0001-01-000009')], historyMore: true }),
      ),
    );
    api.emit('cart.changed', withOlga());
    await settle();
    api.handle('customers.history', () => ok({ history: [purchase('0001-01-000008')], more: false }));
    await store.loadOlderHistory();
    expect(api.calls.find((call) => call.name === 'customers.history')?.input).toEqual({
      customerId: olga.id,
      offset: 2,
    });
    expect(store.getState().customer.olderHistory.map((p) => p.documentNo)).toEqual(['0001-01-000008']);
    expect(store.getState().customer.historyMore).toBe(false);
  });

  it('shows the profile main answers with after a note is added', async () => {
    const { api, store } = await signedInStore();
    api.emit('cart.changed', withOlga());
    await settle();
    const note = {
      id: 1,
      text: 'Size 38, likes linen',
      authorName: 'Анна Петрова',
      storeCode: '0001',
      createdAt: '2025-11-23T10:00:00.000Z',
    };
    api.handle('customers.addNote', ({ customerId, text }) => {
      expect({ customerId, text }).toEqual({ customerId: olga.id, text: note.text });
      return ok(olgaProfile({ notes: [note] }));
    });
    expect(await store.addNote(note.text)).toBe(true);
    expect(store.getState().customer.profile?.notes).toEqual([note]);
  });

  it('shows the edited profile, and leaves a phone of another customer to the form, not a toast', async () => {
    const { api, store } = await signedInStore();
    api.emit('cart.changed', withOlga());
    await settle();
    api.handle('customers.update', (input) => {
      expect(input).toEqual({ customerId: olga.id, name: 'Ольга Смирнова' });
      return ok(olgaProfile({ name: 'Ольга Смирнова' }));
    });
    expect((await store.updateCustomer({ name: 'Ольга Смирнова' })).ok).toBe(true);
    expect(store.getState().customer.profile?.name).toBe('Ольга Смирнова');

    const taken = {
      code: 'CONTACT_TAKEN' as const,
      message: 'taken',
      params: { customerId: 3, matchedBy: 'phone' },
    };
    api.handle('customers.update', () => ({ ok: false, error: taken }));
    expect(await store.updateCustomer({ phone: '+7 926 222-77-77' })).toEqual({ ok: false, error: taken });
    expect(store.getState().toasts).toEqual([]);
    expect(store.getState().customer.profile?.name).toBe('Ольга Смирнова');
  });

  it('asks for a customer before saving a bag when none is attached', async () => {
    const { api, store } = await signedInStore();
    expect(await store.saveBag()).toBe(false);
    expect(store.getState().toasts.map((toast) => toast.code)).toEqual(['NO_CUSTOMER']);
    expect(api.calls.some((call) => call.name === 'customers.saveBag')).toBe(false);
  });

  it('attaches a customer just enrolled, but only offers back one who already exists', async () => {
    const { api, store } = await signedInStore();
    const input = { name: 'Ольга Смирнова', phone: '+7 916 123-45-67', consent: { processing: true } };
    api.handle('customers.enrol', () =>
      ok({ kind: 'existing' as const, matchedBy: 'phone' as const, profile: olgaProfile() }),
    );
    const existing = await store.enrolCustomer(input);
    expect(existing.ok && existing.value.kind).toBe('existing');
    expect(api.calls.some((call) => call.name === 'cart.attachCustomer')).toBe(false);

    api.handle('customers.enrol', () =>
      ok({ kind: 'created' as const, matchedBy: null, profile: olgaProfile() }),
    );
    api.handle('cart.attachCustomer', () => ok(withOlga([])));
    await store.enrolCustomer(input);
    expect(store.getState().cart?.customer?.id).toBe(olga.id);
  });

  it('ticks when a product from the profile goes into the cart', async () => {
    const { api, store, feedback } = await signedInStore();
    api.handle('cart.addProduct', ({ productId, quantityMilli }) => {
      expect({ productId, quantityMilli }).toEqual({ productId: milk.productId, quantityMilli: 1000 });
      return ok(cart(saleCartId, [milk]));
    });
    expect(await store.addProduct(milk.productId, 1000)).toBe(true);
    expect(feedback.scanAccepted).toHaveBeenCalledOnce();
  });
});
