// A real till for the sync proofs (SQLite file, services, its own pusher), enrolled with HQ through
// a fault proxy, with the things a cashier does that write outbox rows: sales (pieces and weighed
// goods, cash or card, with or without a customer), returns, customer enrolments, notes and tags.
import { randomUUID } from 'node:crypto';
import { defaultTillConfig } from '../../../contract/config';
import type { Logger, LogFields } from '../../log';
import { cashier, ean13, fixture, openTestTill } from '../../services/test-till';
import type { TestTill } from '../../services/test-till';
import { enrolTill } from '../enrol';
import type { PusherOptions } from '../pusher';

export type Good = 'milk' | 'bread' | 'coffee' | 'book' | 'apples';
export interface SaleLine {
  good: Good;
  /** Pieces, or grams for apples. */
  quantity: number;
}

export interface ProofTillOptions {
  storeCode: string;
  terminalCode: string;
  /** The address the till enrols with and pushes to (a fault proxy in front of HQ). */
  hqUrl: string;
  enrolmentCode: string;
  sync?: Omit<PusherOptions, 'db' | 'dataDir' | 'log' | 'now'>;
  now?: () => Date;
  /** Opens an existing till's folder (after a crash) instead of a new one. */
  dataDir?: string;
}

export interface LogLine {
  event: string;
  fields: LogFields;
}

const weighed = (plu: string, grams: number) => ean13(`21${plu}${String(grams).padStart(5, '0')}`);

export function tillConfig(storeCode: string, terminalCode: string) {
  return {
    ...defaultTillConfig,
    store: { ...defaultTillConfig.store, code: storeCode },
    terminal: { code: terminalCode },
  };
}

export async function openProofTill(options: ProofTillOptions) {
  const lines: LogLine[] = [];
  const record =
    (level: string) =>
    (event: string, fields: LogFields = {}) =>
      lines.push({ event: `${level}:${event}`, fields });
  const log: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const till: TestTill = openTestTill({
    config: tillConfig(options.storeCode, options.terminalCode),
    log,
    sync: options.sync,
    ...(options.now ? { now: options.now } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
  const enrolled = await enrolTill(options.hqUrl, options.enrolmentCode, {
    dataDir: till.dataDir,
    terminalCode: options.terminalCode,
    storeCode: options.storeCode,
  });
  if (!enrolled.ok) throw new Error(`enrolment failed: ${enrolled.error.code} ${enrolled.error.message}`);
  // As the first-run screen does: the pusher learns of the enrolment at once.
  till.services.sync.retryNow();
  return cashierAt(till, enrolled.value.terminalId, lines);
}

/** What a cashier does at a till that is already open and enrolled. */
export function cashierAt(till: TestTill, terminalId: string, lines: LogLine[] = []) {
  const receipts: string[] = [];
  const customers: number[] = [];
  let enrolments = 0;

  async function sell(items: readonly SaleLine[], tender: 'cash' | 'card', customer: number | null = null) {
    let cart = await till.must('cart.get', {});
    for (const { good, quantity } of items) {
      if (good === 'apples') {
        cart = await till.must('cart.scan', { code: weighed(fixture.apples.plu, quantity), source: 'wedge' });
        continue;
      }
      // Each piece scanned, as a cashier does.
      for (let piece = 0; piece < quantity; piece += 1) {
        cart = await till.must('cart.scan', { code: fixture[good].barcode, source: 'wedge' });
      }
    }
    if (customer !== null) cart = await till.must('cart.attachCustomer', { customerId: customer });
    const outcome =
      tender === 'cash'
        ? await till.must('payment.cash', {
            cartId: cart.id,
            receivedMinor: Math.ceil(cart.totalMinor / 10_000) * 10_000,
          })
        : await till.must('payment.card', { cartId: cart.id, amountMinor: cart.totalMinor });
    if (outcome.status !== 'completed') throw new Error('the sale did not complete');
    receipts.push(outcome.receipt.receiptNo);
    return outcome.receipt;
  }

  /** Returns one piece (or the whole weight) of the first line of a sale that still has something to return. */
  async function returnFrom(pick: number) {
    if (receipts.length === 0) return null;
    for (let step = 0; step < receipts.length; step += 1) {
      const receiptNo = receipts[(pick + step) % receipts.length] ?? '';
      const sale = await till.must('returns.lookup', { receiptNo });
      const line = sale.lines.find((candidate) => candidate.returnedMilli < candidate.quantityMilli);
      if (!line) continue;
      const left = line.quantityMilli - line.returnedMilli;
      return till.must('returns.complete', {
        returnId: randomUUID(),
        saleId: sale.saleId,
        lines: [{ saleLineId: line.saleLineId, quantityMilli: line.unit === 'piece' ? 1000 : left }],
      });
    }
    return null;
  }

  async function enrol() {
    enrolments += 1;
    // Contacts unique across tills and runs: a twin would (rightly) be flagged at HQ.
    const key = randomUUID().replace(/-/g, '').slice(0, 10);
    const digits = String(parseInt(key.slice(0, 8), 16) % 10_000_000).padStart(7, '0');
    const enrolment = await till.must('customers.enrol', {
      name: `Покупатель ${enrolments} ${key.slice(0, 4)}`,
      phone: `+7 916 ${digits}`,
      email: `buyer.${key}@example.ru`,
      consent: { processing: true, marketing: { sms: enrolments % 2 === 0 } },
    });
    if (enrolment.kind !== 'created') throw new Error('enrolment matched an existing customer');
    customers.push(enrolment.profile.id);
    return enrolment.profile.id;
  }

  const customerAt = (pick: number) => customers[pick % Math.max(1, customers.length)] ?? null;

  async function note(pick: number, text: string) {
    const customerId = customerAt(pick);
    if (customerId === null) return false;
    await till.must('customers.addNote', { customerId, text });
    return true;
  }

  async function tag(pick: number, name: string, on: boolean) {
    const customerId = customerAt(pick);
    if (customerId === null) return false;
    await till.must('customers.setTag', { customerId, tag: name, on });
    return true;
  }

  const unpushed = () =>
    Number(till.db.prepare('SELECT count(*) FROM outbox WHERE pushed_at IS NULL').pluck().get());
  const outboxSize = () => Number(till.db.prepare('SELECT count(*) FROM outbox').pluck().get());

  return {
    till,
    terminalId,
    lines,
    sell,
    returnFrom,
    enrol,
    note,
    tag,
    customerAt,
    customers,
    unpushed,
    outboxSize,
    pusher: till.services.sync,
  };
}
export type ProofTill = ReturnType<typeof cashierAt>;

export async function waitFor(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await ok())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 5));
  }
}
