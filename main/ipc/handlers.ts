// Which service answers which call. Thin on purpose: the services hold the rules.
import { fail, ok } from '../../contract/common';
import type { CallName } from '../../contract/ipc';
import type { PaymentTerminalSimulator } from '../../native-drivers/simulators/payment-terminal';
import type { CheckoutService } from '../services/checkout';
import type { ClientelingService } from '../services/clienteling';
import type { EventBus } from '../services/events';
import type { ReturnsService } from '../services/returns';
import type { SessionService } from '../services/session';
import type { Sales } from '../store/sales';
import { saleReceipt } from '../services/receipt-view';
import type { TillConfig } from '../../contract/config';
import type { DeviceSnapshot } from '../../contract/devices';
import type { DeviceManager } from '../../native-drivers/manager/types';
import type { PrintQueue } from '../services/printing/queue';
import { simulatePrinter, simulateScan } from '../services/device-simulation';
import { scanFromText } from '../services/scan-router';
import type { ScanRouter } from '../services/scan-router';
import type { Handlers } from './dispatcher';
import type { HqLink } from '../sync/hq-link';
import { enrolTill } from '../sync/enrol';

export interface Services {
  config: TillConfig;
  route: ScanRouter;
  session: SessionService;
  checkout: CheckoutService;
  clienteling: ClientelingService;
  returns: ReturnsService;
  sales: Sales;
  events: EventBus;
  simulator: PaymentTerminalSimulator | null;
  printQueue: PrintQueue;
  link: HqLink;
  dataDir: string;
  devices: DeviceManager | null;
  /** The payment terminal's entry on the devices page. */
  paymentTerminal: () => DeviceSnapshot;
}

export const publicCalls: ReadonlySet<CallName> = new Set([
  'session.status',
  'session.cashiers',
  'session.login',
]);

export function createHandlers(s: Services): Handlers {
  const sessionChanged = () => s.events.emit('session.changed', s.session.status());
  return {
    'session.status': () => ok(s.session.status()),
    'session.cashiers': () => ok(s.session.cashiers()),
    'session.login': ({ userId, pin }) => {
      const result = s.session.login(userId, pin);
      if (result.ok) sessionChanged();
      return result;
    },
    'session.logout': () => {
      s.session.logout();
      sessionChanged();
      return ok({});
    },

    'cart.get': () => ok(s.checkout.view()),
    'cart.scan': ({ code }) => s.route(scanFromText(code, Date.now())),
    'cart.setQuantity': ({ lineId, quantityMilli }) => s.checkout.setQuantity(lineId, quantityMilli),
    'cart.removeLine': ({ lineId }) => s.checkout.removeLine(lineId),
    'cart.void': () => s.checkout.voidCart(),
    'cart.addProduct': ({ productId, quantityMilli }) => s.checkout.addProduct(productId, quantityMilli),
    'cart.attachCustomer': ({ customerId }) => s.clienteling.attach(customerId),
    'cart.detachCustomer': () => s.clienteling.detach(),
    'cart.applyCoupon': ({ code }) => s.checkout.applyCoupon(code),
    'cart.removeCoupon': () => s.checkout.removeCoupon(),

    'customers.identify': ({ query }) => s.clienteling.identify(query),
    'customers.profile': ({ customerId }) => s.clienteling.profile(customerId),
    'customers.history': ({ customerId, offset }) => s.clienteling.history(customerId, offset),
    'customers.enrol': (input) => s.clienteling.enrol(input),
    'customers.update': (input) => s.clienteling.update(input),
    'customers.saveBag': ({ lineIds }) => s.clienteling.saveBag(lineIds),
    'customers.removeBagItem': ({ customerId, productId }) =>
      s.clienteling.removeBagItem(customerId, productId),
    'customers.addNote': ({ customerId, text }) => s.clienteling.addNote(customerId, text),
    'customers.setTag': ({ customerId, tag, on }) => s.clienteling.setTag(customerId, tag, on),

    'payment.cash': ({ cartId, receivedMinor }) => s.checkout.payCash(cartId, receivedMinor),
    'payment.card': ({ cartId, amountMinor }) => s.checkout.payCard(cartId, amountMinor),
    'payment.cancel': ({ cartId }) => s.checkout.cancelPayment(cartId),
    'sale.complete': ({ cartId }) => s.checkout.complete(cartId),

    'receipt.get': ({ receiptNo }) => {
      const sale = s.sales.saleByReceiptNo(receiptNo);
      if (sale) return ok(saleReceipt(sale, s.config.store));
      const refund = s.returns.receipt(receiptNo);
      return refund ? ok(refund) : fail('RECEIPT_NOT_FOUND', `No receipt ${receiptNo}`, { receiptNo });
    },

    'returns.lookup': ({ receiptNo }) => s.returns.lookup(receiptNo),
    'returns.complete': ({ returnId, saleId, lines }) => s.returns.complete(returnId, saleId, lines),

    'sync.status': () => ok(s.link.status()),
    'sync.retryNow': () => {
      s.link.retryNow();
      return ok(s.link.status());
    },
    'sync.enrol': async ({ hqUrl, code }) => {
      if (s.session.user?.role !== 'manager') return fail('FORBIDDEN', 'Only a manager enrols the till');
      const enrolled = await enrolTill(hqUrl, code, {
        dataDir: s.dataDir,
        terminalCode: s.config.terminal.code,
        storeCode: s.config.store.code,
      });
      if (!enrolled.ok) {
        const { code: reason, message } = enrolled.error;
        if (reason === 'BAD_URL') return fail('BAD_HQ_URL', message);
        if (reason === 'HQ_UNREACHABLE') return fail('HQ_UNREACHABLE', message);
        return fail('ENROL_REFUSED', message, { reason });
      }
      // Answered with the bootstrap begun: the screen shows the till preparing, not "online, all done".
      return ok(await s.link.enrolled());
    },

    'devices.list': () => ok([...(s.devices?.snapshots() ?? []), s.paymentTerminal()]),
    'printer.queue': () => ok(s.printQueue.view()),
    'printer.reprintLast': () => s.printQueue.reprintLast(),
    'simulator.scan': (input) => simulateScan(s.devices, input),
    'simulator.printer': (input) => simulatePrinter(s.devices, input),

    'simulator.setPaymentOutcome': ({ outcome }) => {
      if (!s.simulator) return fail('NOT_SIMULATED', 'This till has a real payment terminal');
      s.simulator.setOutcome(outcome);
      sessionChanged(); // every window shows the same next outcome
      return ok({});
    },
  };
}
