import type { ErrorCode } from '../../contract/common';
import type { CustomerProfile, Purchase } from '../../contract/customers';
import type { DeviceSnapshot, PrintQueueView } from '../../contract/devices';
import type { Cart, EventPayload, Receipt, ReturnableSale, SessionStatus, User } from '../../contract/ipc';
import type { SyncStatus } from '../../contract/sync-status';

export type Screen = 'boot' | 'login' | 'checkout' | 'receipt' | 'returns' | 'devices' | 'sync';

export type CardStage = EventPayload<'payment.progress'>['stage'];

export interface PaymentState {
  /** The payment call in flight: while set, every pay button is disabled and nothing else is sent. */
  busy: 'cash' | 'card' | 'cancel' | 'retry' | null;
  stage: CardStage | null;
  /** The last payment failed to be saved (STORE_*): the cart is kept and the commit can be retried. */
  retry: boolean;
}

export interface ReturnsState {
  busy: boolean;
  query: string;
  sale: ReturnableSale | null;
}

/** The customer attached to the cart, as the panel beside it shows them. */
export interface CustomerState {
  /** The cart's customer (`cart.customer.id`), or null: the panel shows while it is set. */
  customerId: number | null;
  /** Their 360° profile once loaded; after a merge at HQ its id may differ from `customerId`. */
  profile: CustomerProfile | null;
  loading: boolean;
  /** Purchases paged in after the profile's own first page. */
  olderHistory: readonly Purchase[];
  historyMore: boolean;
  historyBusy: boolean;
}

export interface ToastItem {
  id: number;
  code: ErrorCode;
  params?: Record<string, string | number>;
}

/** The simulated printer's condition, as `simulator.printer` sets it. */
export interface SimulatedPrinter {
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  pluggedIn: boolean;
}

export interface PosState {
  screen: Screen;
  bootFailed: boolean;
  status: SessionStatus | null;
  cashiers: readonly User[] | null;
  cart: Cart | null;
  payOpen: boolean;
  payment: PaymentState;
  /** The receipt on screen: a completed sale or return. */
  receipt: Receipt | null;
  returns: ReturnsState;
  customer: CustomerState;
  toasts: readonly ToastItem[];
  /** The till's devices, loaded after login and kept current by `device.changed`; null until loaded. */
  devices: readonly DeviceSnapshot[] | null;
  /** The print queue, loaded after login and kept current by `print.changed`; null until loaded. */
  printQueue: PrintQueueView | null;
  /** A reprint request is on its way: one tap, one copy. */
  reprinting: boolean;
  /** What this screen last set on the simulated printer; null until it sets something. */
  simulatedPrinter: SimulatedPrinter | null;
  /** The link to HQ, loaded after login and kept current by `sync.changed`; null until loaded. */
  sync: SyncStatus | null;
}

export const idlePayment: PaymentState = { busy: null, stage: null, retry: false };
export const noReturn: ReturnsState = { busy: false, query: '', sale: null };
export const noCustomer: CustomerState = {
  customerId: null,
  profile: null,
  loading: false,
  olderHistory: [],
  historyMore: false,
  historyBusy: false,
};

export const initialState: PosState = {
  screen: 'boot',
  bootFailed: false,
  status: null,
  cashiers: null,
  cart: null,
  payOpen: false,
  payment: idlePayment,
  receipt: null,
  returns: noReturn,
  customer: noCustomer,
  toasts: [],
  devices: null,
  printQueue: null,
  reprinting: false,
  simulatedPrinter: null,
  sync: null,
};

/** The pay panel shows while the cashier asked for it, and always once money has been taken. */
export const isPayVisible = (state: PosState): boolean =>
  state.screen === 'checkout' && state.cart !== null && (state.payOpen || state.cart.tenders.length > 0);

/** Fully tendered but not saved (a busy or full disk, or a reload after one): the commit can be retried. */
export const canRetryCommit = (state: PosState): boolean =>
  state.payment.retry ||
  (state.cart !== null &&
    state.cart.tenders.length > 0 &&
    state.cart.dueMinor === 0 &&
    state.cart.lines.length > 0);
