// The one owner of the till's state on screen. Components read it through usePos() and change it
// only through these use cases, which call the contract and keep the screen in step with main.
import type { ErrorCode, PosError, Result } from '../../contract/common';
import type { DeviceSnapshot, PrintJobView } from '../../contract/devices';
import type {
  CallInput,
  Cart,
  PaymentOutcome,
  PosApi,
  SessionStatus,
  SimulatedOutcome,
  User,
} from '../../contract/ipc';
import { createCustomerActions } from './customers';
import { simulatedPrinter, withDevice, withPrintJob } from './devices';
import { createRefresher } from './refresher';
import { createSerialQueue } from './serialQueue';
import { createSyncActions } from './sync';
import type { PosState, Screen, SimulatedPrinter } from './types';
import { idlePayment, initialState, noCustomer, noReturn } from './types';

export interface Feedback {
  scanAccepted(): void;
  error(): void;
}

export type { SimulatedOutcome } from '../../contract/ipc';

export interface ReturnRequest {
  returnId: string;
  saleId: string;
  lines: Array<{ saleLineId: string; quantityMilli: number }>;
}

/** Errors the cashier should also hear: the scan or the typed quantity was not taken. */
const audibleErrors: ReadonlySet<ErrorCode> = new Set(['UNKNOWN_BARCODE', 'INVALID_BARCODE', 'BAD_QUANTITY']);
/** The sale is paid but was not written: keep the cart and offer to commit again. */
const retryableCommitErrors: ReadonlySet<ErrorCode> = new Set(['STORE_BUSY', 'STORE_FULL', 'STORE_FAILED']);
const maxToasts = 3;

/** An error found before calling main; the message is for developers only, like main's. */
const localError = (code: ErrorCode, message: string): PosError => ({ code, message });

export type PosStore = ReturnType<typeof createPosStore>;

export type SimulatedScanVia = CallInput<'simulator.scan'>['via'];

export function createPosStore(api: PosApi, feedback: Feedback) {
  let state: PosState = initialState;
  const listeners = new Set<() => void>();
  const cartQueue = createSerialQueue();
  let cartRefreshQueued = false;
  /** A paid cart never comes back: a late event or answer carrying it must not reopen it. */
  const completedCartIds = new Set<string>();
  let toastSeq = 0;
  let lookupSeq = 0;
  let receiptPattern: { source: string; regex: RegExp | null } = { source: '', regex: null };

  const set = (patch: Partial<PosState> | ((current: PosState) => Partial<PosState>)) => {
    state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
    for (const listener of listeners) listener();
  };

  /** Shows the error as a toast; `audible` also sounds the error tone. */
  function notify(error: PosError, audible = audibleErrors.has(error.code)): void {
    if (audible) feedback.error();
    toastSeq += 1;
    const toast = error.params
      ? { id: toastSeq, code: error.code, params: error.params }
      : { id: toastSeq, code: error.code };
    set((s) => ({ toasts: [...s.toasts.filter((t) => t.code !== error.code), toast].slice(-maxToasts) }));
    if (error.code === 'NOT_LOGGED_IN') toLogin();
  }

  /** The value of a call, or null after telling the cashier why not. */
  function valueOf<T>(result: Result<T>): T | null {
    if (result.ok) return result.value;
    notify(result.error);
    return null;
  }

  function isReceiptNo(code: string): boolean {
    const source = state.status?.receiptNoPattern ?? '';
    if (receiptPattern.source !== source) {
      let regex: RegExp | null = null;
      try {
        regex = source ? new RegExp(`^(?:${source})$`) : null;
      } catch {
        console.error('omnitill: session.status gave an invalid receiptNoPattern', source);
      }
      receiptPattern = { source, regex };
    }
    return receiptPattern.regex?.test(code) ?? false;
  }

  function applyCart(cart: Cart): void {
    if (completedCartIds.has(cart.id)) return;
    set((s) => ({ cart, payOpen: s.payOpen && cart.lines.length > 0 }));
    syncCustomer(cart);
  }

  async function refreshCart(): Promise<void> {
    const cart = valueOf(await api.call('cart.get', {}));
    if (cart) applyCart(cart);
  }

  function toLogin(): void {
    set((s) => ({
      screen: 'login',
      status: s.status && { ...s.status, user: null },
      cart: null,
      payOpen: false,
      payment: idlePayment,
      receipt: null,
      returns: noReturn,
      customer: noCustomer,
      devices: null,
      printQueue: null,
      sync: null,
    }));
    void loadCashiers();
  }

  function enterCheckout(): void {
    set({ screen: 'checkout', receipt: null, returns: noReturn, payOpen: false, payment: idlePayment });
    void refreshCart();
  }

  function applyStatus(status: SessionStatus): void {
    const previousUserId = state.status?.user?.id ?? null;
    set({ status });
    if (!status.user) {
      if (state.screen !== 'login') toLogin();
      return;
    }
    if (state.screen === 'boot' || state.screen === 'login' || previousUserId !== status.user.id) {
      enterCheckout();
    }
    // Also after the event socket reconnects (it re-sends the status): what changed meanwhile.
    void loadDevices();
    void loadSync();
  }

  const deviceLoads = createRefresher(async () => {
    const devices = valueOf(await api.call('devices.list', {}));
    if (devices && state.status?.user) set({ devices });
  });
  const printQueueLoads = createRefresher(async () => {
    const printQueue = valueOf(await api.call('printer.queue', {}));
    if (printQueue && state.status?.user) set({ printQueue });
  });

  async function loadDevices(): Promise<void> {
    await Promise.all([deviceLoads.run(), printQueueLoads.run()]);
  }

  function applyDevice(snapshot: DeviceSnapshot): void {
    // Before the first load there is no list to merge into: the load brings this change too.
    if (state.devices) set((s) => ({ devices: s.devices && withDevice(s.devices, snapshot) }));
    // 'closed' is also how a device that went away says goodbye: the list tells whether it is still there.
    if (snapshot.state === 'closed' || deviceLoads.running) void deviceLoads.run();
  }

  function applyPrintJob(job: PrintJobView): void {
    const queue = state.printQueue;
    if (!queue) {
      if (printQueueLoads.running) void printQueueLoads.run();
      return;
    }
    const next = withPrintJob(queue, job);
    set({ printQueue: next.queue });
    if (!next.known || printQueueLoads.running) void printQueueLoads.run();
  }

  async function boot(): Promise<void> {
    set({ bootFailed: false });
    const result = await api.call('session.status', {});
    if (!result.ok) {
      set({ bootFailed: true });
      return;
    }
    applyStatus(result.value);
  }

  async function loadCashiers(): Promise<void> {
    const cashiers = valueOf(await api.call('session.cashiers', {}));
    if (cashiers) set({ cashiers });
  }

  function settlePayment(cartId: string, result: Result<PaymentOutcome>): void {
    set({ payment: idlePayment });
    if (!result.ok) {
      notify(result.error);
      if (retryableCommitErrors.has(result.error.code)) set({ payment: { ...idlePayment, retry: true } });
      return;
    }
    const outcome = result.value;
    if (outcome.status === 'partial') {
      applyCart(outcome.cart);
      return;
    }
    completedCartIds.add(cartId);
    set({ screen: 'receipt', receipt: outcome.receipt, payOpen: false });
    // The receipt's print job was queued with the sale: show it under the receipt.
    void printQueueLoads.run();
    // So was the sale for HQ, and main announces no new queue depth while it backs off.
    void loadSync();
    if (outcome.cart.id !== cartId) applyCart(outcome.cart);
    else void refreshCart();
  }

  /** Starts a payment call unless one is in flight; the guard is synchronous, so a double tap sends one. */
  function startPayment(
    busy: 'cash' | 'card' | 'retry',
    send: (cartId: string) => Promise<Result<PaymentOutcome>>,
  ): Promise<void> {
    const cart = state.cart;
    if (!cart || state.payment.busy) return Promise.resolve();
    set({ payment: { busy, stage: busy === 'card' ? 'present-card' : null, retry: false } });
    return cartQueue.run(async () => settlePayment(cart.id, await send(cart.id)));
  }

  function changeCart(send: () => Promise<Result<Cart>>): Promise<boolean> {
    return cartQueue.run(async () => {
      const cart = valueOf(await send());
      if (cart) applyCart(cart);
      return cart !== null;
    });
  }

  const { loadSync, applySync, ...syncActions } = createSyncActions({
    api,
    getState: () => state,
    set,
    notify,
  });

  const { syncCustomer, ...customerActions } = createCustomerActions({
    api,
    getState: () => state,
    set,
    notify,
    reportLocal: (code, message) => notify(localError(code, message)),
    cartQueue,
    applyCart,
    changeCart,
    scanAccepted: () => feedback.scanAccepted(),
  });

  function canLeaveFor(screen: Screen): boolean {
    if (state.payment.busy) {
      notify(localError('PAYMENT_IN_PROGRESS', `cannot open ${screen} during a payment`));
      return false;
    }
    return true;
  }

  const isSignedIn = (): boolean =>
    state.status?.user != null && state.screen !== 'boot' && state.screen !== 'login';

  /** Back to the sale from a screen beside it (the receipt, the devices page, the sync page). */
  function backToSale(): void {
    set({ screen: 'checkout', receipt: null, returns: noReturn });
    if (!state.cart || completedCartIds.has(state.cart.id)) void refreshCart();
  }

  async function lookupReturn(receiptNo: string): Promise<void> {
    const query = receiptNo.trim();
    if (!query) return;
    if (state.screen !== 'returns') {
      if (!canLeaveFor('returns')) return;
      set({ screen: 'returns', returns: noReturn });
    }
    lookupSeq += 1;
    const seq = lookupSeq;
    set((s) => ({ returns: { ...s.returns, busy: true, query } }));
    const result = await api.call('returns.lookup', { receiptNo: query });
    if (seq !== lookupSeq || state.screen !== 'returns') return;
    if (!result.ok) {
      set((s) => ({ returns: { ...s.returns, busy: false } }));
      notify(result.error);
      return;
    }
    if (result.value.status === 'voided') notify(localError('SALE_VOIDED', `sale ${query} is voided`));
    set({ returns: { busy: false, query, sale: result.value } });
  }

  return {
    getState: (): PosState => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    /** Listens to main and loads the session; returns the function that stops listening. */
    start(): () => void {
      const stops = [
        api.on('session.changed', applyStatus),
        api.on('cart.changed', (cart) => {
          if (!state.status?.user) return;
          if (cartQueue.pending === 0) return applyCart(cart);
          // A change of ours is in flight and its answer will be applied after this event, yet the
          // event may carry a change from elsewhere (a swiped loyalty card) that the answer predates:
          // ask main again once ours has settled, so the swipe's customer is not lost from the screen.
          if (cartRefreshQueued) return;
          cartRefreshQueued = true;
          void cartQueue.run(async () => {
            cartRefreshQueued = false;
            await refreshCart();
          });
        }),
        api.on('payment.progress', ({ cartId, stage }) => {
          if (cartId === state.cart?.id && state.payment.busy === 'card') {
            set((s) => ({ payment: { ...s.payment, stage } }));
          }
        }),
        api.on('device.changed', applyDevice),
        api.on('print.changed', applyPrintJob),
        api.on('sync.changed', applySync),
        // A device's refusal or a printer's trouble: nobody tapped anything, so it must also be heard.
        api.on('notice', (error) => notify(error, true)),
        api.on('scan.receipt', ({ receiptNo }) => {
          if (isSignedIn()) void lookupReturn(receiptNo);
        }),
      ];
      void boot();
      return () => stops.forEach((stop) => stop());
    },
    retryBoot: boot,

    notify,
    dismissToast(id: number): void {
      set((s) => ({ toasts: s.toasts.filter((toast) => toast.id !== id) }));
    },
    reportLocal(code: ErrorCode, message: string): void {
      notify(localError(code, message));
    },

    loadCashiers,
    async login(userId: number, pin: string): Promise<Result<User>> {
      const result = await api.call('session.login', { userId, pin });
      if (!result.ok) {
        notify(result.error);
        return result;
      }
      const status = await api.call('session.status', {});
      if (status.ok) applyStatus(status.value);
      else notify(status.error);
      return result;
    },
    async logout(): Promise<void> {
      if (!canLeaveFor('login')) return;
      if (valueOf(await api.call('session.logout', {}))) toLogin();
    },

    scan(raw: string, source: 'wedge' | 'manual'): Promise<void> {
      const code = raw.trim();
      const { screen } = state;
      if (!code || screen === 'boot' || screen === 'login') return Promise.resolve();
      if (code.length > 128) {
        notify(localError('INVALID_BARCODE', 'a barcode is at most 128 characters'));
        return Promise.resolve();
      }
      if (screen === 'returns' || isReceiptNo(code)) return lookupReturn(code);
      if (state.payment.busy) {
        notify(localError('PAYMENT_IN_PROGRESS', 'scan during a payment'));
        return Promise.resolve();
      }
      return cartQueue.run(async () => {
        const cart = valueOf(await api.call('cart.scan', { code, source }));
        if (!cart) return;
        feedback.scanAccepted();
        applyCart(cart);
        if (state.screen === 'receipt' || state.screen === 'devices' || state.screen === 'sync')
          set({ screen: 'checkout', receipt: null });
      });
    },
    setQuantity: (lineId: string, quantityMilli: number) =>
      changeCart(() => api.call('cart.setQuantity', { lineId, quantityMilli })),
    removeLine: (lineId: string) => changeCart(() => api.call('cart.removeLine', { lineId })),
    voidCart: () => changeCart(() => api.call('cart.void', {})),
    ...customerActions,

    openPay(): void {
      if (!state.cart?.lines.length) {
        notify(localError('CART_EMPTY', 'pay with an empty cart'));
        return;
      }
      set({ payOpen: true });
    },
    closePay(): void {
      if (state.payment.busy || state.cart?.tenders.length) return;
      set({ payOpen: false, payment: idlePayment });
    },
    payCash: (receivedMinor: number) =>
      startPayment('cash', (cartId) => api.call('payment.cash', { cartId, receivedMinor })),
    payCard: (amountMinor: number) =>
      startPayment('card', (cartId) => api.call('payment.card', { cartId, amountMinor })),
    retryCommit: () => startPayment('retry', (cartId) => api.call('sale.complete', { cartId })),
    async cancelPayment(): Promise<void> {
      const cart = state.cart;
      if (!cart || state.payment.busy) return;
      set({ payment: { ...idlePayment, busy: 'cancel' } });
      const cancelled = await cartQueue.run(() => api.call('payment.cancel', { cartId: cart.id }));
      set({ payment: idlePayment });
      const value = valueOf(cancelled);
      if (value) {
        applyCart(value);
        set({ payOpen: false });
      }
    },

    newSale: backToSale,

    openReturns(): void {
      if (state.screen !== 'returns' && canLeaveFor('returns')) set({ screen: 'returns', returns: noReturn });
    },
    closeReturns(): void {
      if (state.returns.busy) return;
      lookupSeq += 1;
      set({ screen: 'checkout', returns: noReturn });
    },
    lookupReturn,
    async completeReturn(request: ReturnRequest): Promise<void> {
      if (state.returns.busy) return;
      set((s) => ({ returns: { ...s.returns, busy: true } }));
      const receipt = valueOf(await api.call('returns.complete', request));
      if (receipt) {
        set({ screen: 'receipt', receipt, returns: noReturn });
        void printQueueLoads.run();
        void loadSync();
      } else set((s) => ({ returns: { ...s.returns, busy: false } }));
    },

    async setSimulatedOutcome(outcome: SimulatedOutcome): Promise<boolean> {
      return valueOf(await api.call('simulator.setPaymentOutcome', { outcome })) !== null;
    },

    loadDevices,
    /** The devices page, loaded afresh: counters and states as they are now. */
    openDevices(): void {
      if (!isSignedIn() || state.screen === 'devices' || !canLeaveFor('devices')) return;
      lookupSeq += 1;
      set({ screen: 'devices', returns: noReturn });
      void loadDevices();
    },
    closeDevices(): void {
      if (state.screen === 'devices') backToSale();
    },
    /** Prints the till's last sale or return receipt again, as a copy; a second tap meanwhile does nothing. */
    async reprintLast(): Promise<PrintJobView | null> {
      if (state.reprinting) return null;
      set({ reprinting: true });
      const job = valueOf(await api.call('printer.reprintLast', {}));
      set({ reprinting: false });
      if (job) applyPrintJob(job);
      return job;
    },
    async simulateScan(via: SimulatedScanVia, data: string): Promise<boolean> {
      return valueOf(await api.call('simulator.scan', { via, data })) !== null;
    },
    async simulatePrinter(change: Partial<SimulatedPrinter>): Promise<boolean> {
      if (valueOf(await api.call('simulator.printer', change)) === null) return false;
      set({ simulatedPrinter: { ...simulatedPrinter(state.simulatedPrinter, state.devices), ...change } });
      return true;
    },

    /** The sync page, read afresh: the queue as it is now. */
    openSync(): void {
      if (!isSignedIn() || state.screen === 'sync' || !canLeaveFor('sync')) return;
      lookupSeq += 1;
      set({ screen: 'sync', returns: noReturn });
      void loadSync();
    },
    closeSync(): void {
      if (state.screen === 'sync') backToSale();
    },
    ...syncActions,
  };
}
