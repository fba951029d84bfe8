// A PosApi double for tests: answers calls from handlers and lets a test send events.
import type { Result } from '../../contract/common';
import type { CartCustomer, CustomerProfile } from '../../contract/customers';
import type { DeviceSnapshot, PrintJobView } from '../../contract/devices';
import type {
  Cart,
  CallInput,
  CallName,
  CallOutput,
  EventName,
  EventPayload,
  PosApi,
  Receipt,
  SessionStatus,
} from '../../contract/ipc';
import type { SyncStatus } from '../../contract/sync-status';

type Handler<N extends CallName> = (
  input: CallInput<N>,
) => Result<CallOutput<N>> | Promise<Result<CallOutput<N>>>;

export interface FakeApi extends PosApi {
  calls: Array<{ name: CallName; input: unknown }>;
  handle<N extends CallName>(name: N, handler: Handler<N>): void;
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
}

export function createFakeApi(): FakeApi {
  const handlers = new Map<CallName, Handler<CallName>>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeApi['calls'] = [];
  return {
    calls,
    async call(name, input) {
      calls.push({ name, input });
      const handler = handlers.get(name) as Handler<typeof name> | undefined;
      if (!handler) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `no fake for ${name}` } };
      return handler(input);
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener as (payload: unknown) => void);
      return () => void set.delete(listener as (payload: unknown) => void);
    },
    handle(name, handler) {
      handlers.set(name, handler as unknown as Handler<CallName>);
    },
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
  };
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const store = {
  code: '0001',
  name: 'Omnitill Demo Store',
  address: 'Tverskaya 1, Moscow',
  currency: 'RUB',
  locale: 'ru',
} as const;

export const status = (signedIn: boolean): SessionStatus => ({
  store,
  terminalCode: '01',
  user: signedIn ? { id: 1, name: 'Anna', role: 'cashier' } : null,
  demo: true,
  paymentSimulator: { outcome: 'approve' },
  receiptNoPattern: 'R\\d{4}-\\d{2}-\\d{6}',
});

export const milk = {
  id: '11111111-1111-4111-8111-111111111111',
  productId: 7,
  barcode: '4600000000017',
  names: { ru: 'Молоко 3,2 %', en: 'Milk 3.2%' },
  unit: 'piece' as const,
  quantityMilli: 1000,
  unitPriceMinor: 8990,
  totalMinor: 8990,
  taxRateBp: 1000,
  fromEmbeddedBarcode: false,
  discountMinor: 0,
};

export function cart(
  id: string,
  lines: Cart['lines'] = [],
  tenders: Cart['tenders'] = [],
  extra: Partial<Pick<Cart, 'customer' | 'coupon' | 'discountMinor'>> = {},
): Cart {
  const subtotalMinor = lines.reduce((sum, line) => sum + line.totalMinor, 0);
  const discountMinor = extra.discountMinor ?? 0;
  const totalMinor = subtotalMinor - discountMinor;
  const paidMinor = tenders.reduce((sum, tender) => sum + tender.amountMinor, 0);
  return {
    id,
    currency: 'RUB',
    lines,
    itemCount: lines.length,
    customer: extra.customer ?? null,
    coupon: extra.coupon ?? null,
    subtotalMinor,
    discountMinor,
    totalMinor,
    taxes: [],
    tenders,
    paidMinor,
    dueMinor: totalMinor - paidMinor,
    lastLineId: lines.at(-1)?.id ?? null,
  };
}

export const saleCartId = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const nextCartId = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

export const receipt: Receipt = {
  kind: 'sale',
  id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  receiptNo: 'R0001-01-000042',
  originalReceiptNo: null,
  createdAt: '2025-11-23T10:15:00.000Z',
  store,
  terminalCode: '01',
  cashierName: 'Anna',
  currency: 'RUB',
  lines: [milk],
  customerCard: null,
  couponCode: null,
  discountMinor: 0,
  totalMinor: 8990,
  taxes: [{ rateBp: 1000, grossMinor: 8990, taxMinor: 817 }],
  tenders: [],
  changeMinor: 1010,
};

/** The demo till's simulated serial scanner, ready. */
export const serialScanner: DeviceSnapshot = {
  id: 'scanner-serial-sim',
  role: 'scanner',
  name: 'Simulated serial scanner',
  transport: 'serial',
  address: '/dev/pts/7',
  simulated: true,
  state: 'idle',
  problem: null,
  warning: null,
  since: '2025-11-23T09:00:00.000Z',
  events: 0,
  rejected: 0,
};

/** The demo till's virtual network printer, ready. */
export const receiptPrinter: DeviceSnapshot = {
  id: 'printer-tcp-sim',
  role: 'printer',
  name: 'Virtual ESC/POS printer',
  transport: 'tcp',
  address: 'tcp://127.0.0.1:9100',
  simulated: true,
  state: 'idle',
  problem: null,
  warning: null,
  since: '2025-11-23T09:00:00.000Z',
  events: 0,
  rejected: 0,
};

/** A print job for the sample receipt. */
export const printJob = (patch: Partial<PrintJobView> = {}): PrintJobView => ({
  id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  kind: 'sale',
  receiptNo: receipt.receiptNo,
  status: 'queued',
  attempts: 0,
  lastProblem: null,
  createdAt: '2025-11-23T10:15:00.000Z',
  printedAt: null,
  ...patch,
});

/** The link to HQ of a till online since its last push, with nothing waiting. */
export const syncOnline = (patch: Partial<SyncStatus> = {}): SyncStatus => ({
  state: 'online',
  offlineSince: null,
  queueDepth: 0,
  lastSuccessAt: '2025-11-23T10:15:02.000Z',
  lastError: null,
  nextAttemptAt: null,
  hqUrl: 'https://hq.example',
  pull: {
    state: 'idle',
    lastPullAt: '2025-11-23T10:15:01.000Z',
    lastError: null,
    nextAttemptAt: null,
    streams: [{ stream: 'catalogue', items: 2040, appliedAt: '2025-11-23T10:15:01.000Z' }],
  },
  bootstrap: null,
  ...patch,
});

/** The link to HQ of a till that lost it at 10:20 with a sale waiting, trying again at 10:21. */
export const syncOffline = (patch: Partial<SyncStatus> = {}): SyncStatus =>
  syncOnline({
    state: 'offline',
    offlineSince: '2025-11-23T10:20:00.000Z',
    queueDepth: 1,
    lastError: {
      at: '2025-11-23T10:20:00.000Z',
      code: 'HQ_UNREACHABLE',
      message: 'HQ at https://hq.example did not answer: fetch failed',
    },
    nextAttemptAt: '2025-11-23T10:21:00.000Z',
    ...patch,
  });

/** A demo customer as the cart names them. */
export const olga: CartCustomer = { id: 42, name: 'Ольга Смирнова', tier: 'gold', cardMasked: '•••• 0420' };

/** Olga's 360° profile as a cashier sees it: contacts masked. */
export const olgaProfile = (patch: Partial<CustomerProfile> = {}): CustomerProfile => ({
  id: olga.id,
  mergedFrom: null,
  name: olga.name,
  phone: '+7 *** ***-45-67',
  email: 'o•••@mail.ru',
  birthday: '--03-08',
  personalVisible: false,
  cards: ['•••• 0420'],
  tier: 'gold',
  pointsBalance: 1250,
  memberSince: '2021-03-01T09:00:00.000Z',
  marketing: { sms: true, email: false, push: false, call: false },
  stats: {
    visits: 48,
    revenueMinor: 12_345_600,
    averageCheckMinor: 257_200,
    expectedLtvMinor: null,
    firstVisitAt: '2021-03-01T09:00:00.000Z',
    lastVisitAt: '2025-11-07T09:00:00.000Z',
    onlineShare: 0.25,
  },
  rfm: { r: 4, f: 5, m: 5, segment: 'loyal' },
  favouriteCategories: [],
  attributes: [],
  tags: [],
  notes: [],
  history: [],
  historyMore: false,
  coupons: [],
  bag: [],
  recommendations: [],
  ...patch,
});
