// Clienteling use cases of the till's store: who the customer at the counter is, their profile beside
// the cart, and what is done with it. The panel follows the cart: whenever main's cart names another
// customer (attached here, by a card scan, or gone with a completed sale), the profile follows. Main's
// suggestions depend on the cart's products too; they are asked for again when someone looks at them,
// not on every scan, so a busy checkout does not rebuild a profile per item.
import type { ErrorCode, PosError, Result } from '../../contract/common';
import type {
  CustomerProfile,
  CustomerUpdateInput,
  Enrolment,
  EnrolInput,
  Identification,
} from '../../contract/customers';
import type { Cart, PosApi } from '../../contract/ipc';
import { createRefresher } from './refresher';
import type { SerialQueue } from './serialQueue';
import type { CustomerState, PosState } from './types';
import { noCustomer } from './types';

export interface CustomerDeps {
  api: PosApi;
  getState(): PosState;
  set(patch: Partial<PosState> | ((current: PosState) => Partial<PosState>)): void;
  notify(error: PosError): void;
  reportLocal(code: ErrorCode, message: string): void;
  cartQueue: SerialQueue;
  applyCart(cart: Cart): void;
  changeCart(send: () => Promise<Result<Cart>>): Promise<boolean>;
  scanAccepted(): void;
}

/** The products in a cart, as main's suggestions depend on them: not their quantities or order. */
const productsOf = (cart: Cart | null): string =>
  [...new Set(cart?.lines.map((line) => line.productId) ?? [])].sort((a, b) => a - b).join(',');

export function createCustomerActions({
  api,
  getState,
  set,
  notify,
  reportLocal,
  cartQueue,
  applyCart,
  changeCart,
  scanAccepted,
}: CustomerDeps) {
  const customer = (): CustomerState => getState().customer;
  const patchCustomer = (patch: Partial<CustomerState>) =>
    set((state) => ({ customer: { ...state.customer, ...patch } }));

  function valueOf<T>(result: Result<T>): T | null {
    if (result.ok) return result.value;
    notify(result.error);
    return null;
  }

  /** The cart products the profile on screen was made for. */
  let shownFor = '';

  function showProfile(customerId: number, profile: CustomerProfile, products: string): void {
    shownFor = products;
    const { olderHistory, historyMore } = customer();
    set({
      customer: {
        ...customer(),
        customerId,
        profile,
        loading: false,
        // Pages already shown stay; with none, the profile's own page says whether there are more.
        historyMore: olderHistory.length > 0 ? historyMore : profile.historyMore,
      },
    });
  }

  const profileLoads = createRefresher(async () => {
    const { customerId } = customer();
    if (customerId === null) return;
    const products = productsOf(getState().cart);
    const result = await api.call('customers.profile', { customerId });
    // Another customer (or none) came meanwhile: this answer is for nobody on screen.
    if (customer().customerId !== customerId) return;
    if (result.ok) showProfile(customerId, result.value, products);
    else {
      patchCustomer({ loading: false });
      notify(result.error);
    }
  });

  /** Called with every cart shown: the panel opens, changes or closes with the cart's customer. */
  function syncCustomer(cart: Cart): void {
    const customerId = cart.customer?.id ?? null;
    if (customerId === customer().customerId) return;
    set({ customer: { ...noCustomer, customerId, loading: customerId !== null } });
    if (customerId !== null) void profileLoads.run();
  }

  /** Attaches the customer to the cart; a profile already in hand is shown without loading it again. */
  function attachCustomer(customerId: number, profile?: CustomerProfile): Promise<boolean> {
    return cartQueue.run(async () => {
      const cart = valueOf(await api.call('cart.attachCustomer', { customerId }));
      if (!cart) return false;
      if (profile && cart.customer?.id === profile.id) {
        set({ customer: { ...noCustomer, customerId: profile.id } });
        showProfile(profile.id, profile, productsOf(cart));
      }
      applyCart(cart);
      return true;
    });
  }

  /** A profile change (bag, note, tag) for the customer on screen; the answer is their new profile. */
  async function changeProfile(
    send: (customerId: number) => Promise<Result<CustomerProfile>>,
  ): Promise<boolean> {
    const { customerId, profile } = customer();
    if (customerId === null) {
      reportLocal('NO_CUSTOMER', 'no customer attached to the cart');
      return false;
    }
    const updated = valueOf(await send(profile?.id ?? customerId));
    if (!updated) return false;
    if (customer().customerId === customerId) patchCustomer({ profile: updated, loading: false });
    return true;
  }

  return {
    syncCustomer,
    attachCustomer,

    /** One search for anything the cashier typed; a single match is attached at once (null: it was not). */
    async identifyCustomer(query: string): Promise<Identification | null> {
      const found = valueOf(await api.call('customers.identify', { query }));
      if (found?.kind === 'one' && !(await attachCustomer(found.profile.id, found.profile))) return null;
      return found;
    },

    /** Enrols a customer and attaches the new profile; an existing one is only offered back. */
    async enrolCustomer(input: EnrolInput): Promise<Result<Enrolment>> {
      const result = await api.call('customers.enrol', input);
      if (!result.ok) notify(result.error);
      else if (result.value.kind === 'created')
        await attachCustomer(result.value.profile.id, result.value.profile);
      return result;
    },

    /**
     * Changes the on-screen customer's own fields; the answer is their new profile. A phone or e-mail
     * of another customer (CONTACT_TAKEN) is not a toast: the edit form offers that profile instead.
     */
    async updateCustomer(edit: Omit<CustomerUpdateInput, 'customerId'>): Promise<Result<CustomerProfile>> {
      const { customerId, profile } = customer();
      if (customerId === null) {
        reportLocal('NO_CUSTOMER', 'no customer attached to the cart');
        return { ok: false, error: { code: 'NO_CUSTOMER', message: 'no customer attached to the cart' } };
      }
      const result = await api.call('customers.update', { ...edit, customerId: profile?.id ?? customerId });
      if (!result.ok) {
        if (result.error.code !== 'CONTACT_TAKEN') notify(result.error);
      } else if (customer().customerId === customerId) {
        patchCustomer({ profile: result.value, loading: false });
      }
      return result;
    },

    detachCustomer: () => changeCart(() => api.call('cart.detachCustomer', {})),

    /** The suggestions are on screen: if the cart's products changed since the profile came, ask again. */
    refreshSuggestions(): void {
      const { customerId, profile } = customer();
      if (customerId !== null && profile !== null && productsOf(getState().cart) !== shownFor)
        void profileLoads.run();
    },

    retryProfile(): void {
      const { customerId, loading } = customer();
      if (customerId === null || loading) return;
      patchCustomer({ loading: true });
      void profileLoads.run();
    },

    async loadOlderHistory(): Promise<void> {
      const { customerId, profile, olderHistory, historyMore, historyBusy } = customer();
      if (customerId === null || !profile || !historyMore || historyBusy) return;
      patchCustomer({ historyBusy: true });
      const page = valueOf(
        await api.call('customers.history', {
          customerId: profile.id,
          offset: profile.history.length + olderHistory.length,
        }),
      );
      if (customer().customerId !== customerId) return;
      if (page) patchCustomer({ olderHistory: [...olderHistory, ...page.history], historyMore: page.more });
      patchCustomer({ historyBusy: false });
    },

    /** A product from the profile (history, bag, suggestion) into the cart, as if scanned. */
    async addProduct(productId: number, quantityMilli: number): Promise<boolean> {
      const added = await changeCart(() => api.call('cart.addProduct', { productId, quantityMilli }));
      if (added) scanAccepted();
      return added;
    },

    applyCoupon: (code: string) => changeCart(() => api.call('cart.applyCoupon', { code })),
    removeCoupon: () => changeCart(() => api.call('cart.removeCoupon', {})),

    /** Keeps the cart's lines (all, or those named) in the customer's bag; after pending cart changes. */
    saveBag: (lineIds?: readonly string[]) =>
      cartQueue.run(() =>
        changeProfile(() => api.call('customers.saveBag', lineIds ? { lineIds: [...lineIds] } : {})),
      ),
    removeBagItem: (productId: number) =>
      changeProfile((customerId) => api.call('customers.removeBagItem', { customerId, productId })),
    addNote: (text: string) =>
      changeProfile((customerId) => api.call('customers.addNote', { customerId, text })),
    setTag: (tag: string, on: boolean) =>
      changeProfile((customerId) => api.call('customers.setTag', { customerId, tag, on })),
  };
}
