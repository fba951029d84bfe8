// The composition root: one till = one database, its services, and the dispatcher both transports
// use. Electron's main, the loopback host, tests and benchmarks all start a till through here.
import { mkdirSync } from 'node:fs';
import type { TillConfig } from '../../contract/config';
import type { DeviceManager } from '../../native-drivers/manager/types';
import type { PaymentTerminal } from '../../native-drivers/payment-terminal/types';
import { PaymentTerminalSimulator } from '../../native-drivers/simulators/payment-terminal';
import type { SimulatorTiming } from '../../native-drivers/simulators/payment-terminal';
import { databaseFile } from '../config/paths';
import { createDispatcher } from '../ipc/dispatcher';
import type { Dispatch } from '../ipc/dispatcher';
import { createHandlers, publicCalls } from '../ipc/handlers';
import type { Logger } from '../log';
import { createCatalog } from '../store/catalog';
import { openDatabase } from '../store/db';
import type { Db } from '../store/db';
import { createMeta } from '../store/meta';
import { createOutbox } from '../store/outbox';
import type { Outbox } from '../store/outbox';
import { createPusher } from '../sync/pusher';
import { createPuller } from '../sync/puller';
import type { Puller } from '../sync/puller';
import type { Pusher, PusherOptions } from '../sync/pusher';
import { createBootstrapper } from '../sync/bootstrapper';
import type { BootstrapperOptions } from '../sync/bootstrapper';
import { createHqLink } from '../sync/hq-link';
import type { HqLink } from '../sync/hq-link';
import { createPrintJobs } from '../store/print-jobs';
import { createReturns } from '../store/returns';
import { createSales } from '../store/sales';
import { isSeeded, seedDemoStore } from '../store/seed/write';
import { createSequences } from '../store/sequences';
import { createUsers } from '../store/users';
import { CheckoutService } from './checkout';
import { EventBus } from './events';
import { ReturnsService } from './returns';
import { attachDevices } from './device-events';
import { createScanRouter } from './scan-router';
import { paymentTerminalSnapshot } from './devices';
import { PrintQueue } from './printing/queue';
import { SessionService } from './session';
import { createBaskets } from '../store/baskets';
import { createClienteling } from '../store/clienteling';
import { createCoupons } from '../store/coupons';
import { createHlcClock } from '../store/hlc';
import { createClientelingService } from './clienteling';
import type { ClientelingService } from './clienteling';
import { createCustomerService } from './customers';
import { createCustomerEditor } from './customer-edit';
import { createMemberQrService } from './member-qr';
import { createProfileService } from './profile';
import { createRecommendations } from './recommendations';
import type { Recommendations } from './recommendations';

export interface TillOptions {
  dataDir: string;
  config: TillConfig;
  log: Logger;
  /** Seed the demo store into an empty database (npm start, e2e). */
  seedDemo?: boolean;
  /** A real terminal adapter; the simulator otherwise. */
  paymentTerminal?: PaymentTerminal;
  simulatorTiming?: SimulatorTiming;
  /** Scanners, printer and card readers, started by the caller; none in unit tests. */
  devices?: DeviceManager;
  busyTimeoutMs?: number;
  now?: () => Date;
  /** The HQ pusher's timing and transport (tests shorten the back-off, inject faults). */
  sync?: Omit<PusherOptions, 'db' | 'dataDir' | 'log' | 'now'>;
  /** The first download's checkpoints and retries, and its worker (tests shorten, benchmarks tune). */
  bootstrap?: Omit<BootstrapperOptions, 'dataDir' | 'log' | 'now'>;
}

export interface Till {
  db: Db;
  dispatch: Dispatch;
  events: EventBus;
  services: {
    checkout: CheckoutService;
    session: SessionService;
    returns: ReturnsService;
    printQueue: PrintQueue;
    clienteling: ClientelingService;
    recommendations: Recommendations;
    sync: Pusher;
    pull: Puller;
    /** Pushes, pulls and the first download together, as the sync page shows them. */
    link: HqLink;
  };
  close(): void;
}

export function openTill(options: TillOptions): Till {
  const { config, log } = options;
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(databaseFile(options.dataDir), { busyTimeoutMs: options.busyTimeoutMs ?? 2000 });
  const meta = createMeta(db);
  if (options.seedDemo && !isSeeded(db)) {
    const started = performance.now();
    seedDemoStore(db, config, {});
    meta.set('demo', '1');
    log.info('demo.seeded', { ms: Math.round(performance.now() - started) });
  }

  const now = options.now ?? (() => new Date());
  const simulator = options.paymentTerminal ? null : new PaymentTerminalSimulator(options.simulatorTiming);
  const terminal = options.paymentTerminal ?? (simulator as PaymentTerminalSimulator);
  const events = new EventBus();
  const users = createUsers(db);
  const sales = createSales(db);
  const returns = createReturns(db);
  const sequences = createSequences(db);
  const pusher = createPusher({ ...options.sync, db, dataDir: options.dataDir, log, now });
  const rawOutbox = createOutbox(db);
  // Every outbox row kicks the pusher; kick() waits for the next turn of the event loop, after the
  // writing transaction has committed, so it never reads an uncommitted row.
  // The queue depth on screen changes with every row, also while the pusher is backing off.
  const outbox: Outbox = {
    append(kind, payload, at) {
      const id = rawOutbox.append(kind, payload, at);
      pusher.kick();
      link.queueChanged();
      return id;
    },
  };
  const devices = options.devices ?? null;
  const printQueue = new PrintQueue({
    jobs: createPrintJobs(db),
    config,
    printer: () => devices?.printer() ?? null,
    events,
    log,
    now,
  });
  const session = new SessionService({
    config,
    users,
    demo: meta.get('demo') === '1',
    paymentSimulatorOutcome: () => simulator?.currentOutcome ?? null,
    now,
    log,
  });
  const currentUser = () => session.user;
  const catalog = createCatalog(db);
  const clientelingStore = createClienteling(db);
  const coupons = createCoupons(db);
  const checkout = new CheckoutService({
    db,
    config,
    catalog,
    coupons,
    profileIds: clientelingStore.profileIds,
    sales,
    sequences,
    outbox,
    printQueue,
    terminal,
    events,
    currentUser,
    now,
    log,
  });
  const returnsService = new ReturnsService({
    db,
    config,
    sales,
    returns,
    users,
    sequences,
    outbox,
    printQueue,
    terminal,
    currentUser,
    now,
    log,
  });
  const customerService = createCustomerService({ db, config, now, outbox });
  const recommendations = createRecommendations({
    baskets: createBaskets(db),
    inAssortment: clientelingStore.inAssortment,
    now,
    log,
  });
  const memberQr = createMemberQrService({
    db,
    memberQr: config.memberQr,
    patterns: config.scanner.memberQrPatterns,
  });
  const clienteling = createClientelingService({
    db,
    config,
    checkout,
    customers: customerService,
    editor: createCustomerEditor({
      db,
      config,
      customers: customerService.customers,
      clock: createHlcClock(db),
      outbox,
      now,
    }),
    profiles: createProfileService({
      config,
      customers: customerService.customers,
      clienteling: clientelingStore,
      coupons,
      catalog,
      recommend: recommendations.recommend,
      now,
    }),
    memberQr,
    clienteling: clientelingStore,
    outbox,
    currentUser,
    now,
    log,
  });
  // HQ's catalogue, customers, coupons, settings and model arrive independently of the pushes.
  const puller = createPuller({
    db,
    dataDir: options.dataDir,
    log,
    now,
    onRecoModel: (model) => {
      const used = recommendations.useModel(model);
      if (!used.ok) log.warn('reco.model_refused', { code: used.error.code });
    },
    // HQ rotates the member QR keys for the whole chain; the configured keyring is the demo's.
    onSetting: (setting) => {
      if (setting.key === 'member-qr.keyring') memberQr.useKeyring(setting.value);
    },
  });
  const link = createHqLink({
    dataDir: options.dataDir,
    log,
    meta,
    pusher,
    puller,
    bootstrapper: createBootstrapper({ ...options.bootstrap, dataDir: options.dataDir, log, now }),
  });
  const route = createScanRouter({ checkout, clienteling, events, config });
  const startedAt = now().toISOString();
  const handlers = createHandlers({
    route,
    config,
    session,
    checkout,
    clienteling,
    returns: returnsService,
    sales,
    events,
    simulator,
    printQueue,
    link,
    dataDir: options.dataDir,
    devices,
    paymentTerminal: () => paymentTerminalSnapshot(terminal, startedAt, checkout.cardInProgress),
  });
  const dispatch = createDispatcher(
    handlers,
    { public: publicCalls, isLoggedIn: () => session.user !== null },
    log,
  );
  const detach = devices
    ? attachDevices(devices, {
        route,
        attachCard: clienteling.attachByCard,
        events,
        printQueue,
        session,
        log,
      })
    : null;
  // Receipts queued before a crash or a restart print as soon as the printer is there.
  void printQueue.kick();
  const offSync = link.onStatus((status) => events.emit('sync.changed', status));
  pusher.start();
  void link.start();
  // Seconds after start the cashier is still logging in: the model is built then, not at the first
  // customer. (It runs on this thread; a worker is the next step for chain-sized histories.)
  const warmReco = setTimeout(() => recommendations.warm(), 3000);
  warmReco.unref();
  return {
    db,
    dispatch,
    events,
    services: {
      checkout,
      session,
      returns: returnsService,
      printQueue,
      clienteling,
      recommendations,
      sync: pusher,
      pull: puller,
      link,
    },
    close: () => {
      detach?.();
      clearTimeout(warmReco);
      offSync();
      link.stop();
      pusher.stop();
      puller.stop();
      db.close();
    },
  };
}
