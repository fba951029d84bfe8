// A till in its own OS process, for the SIGKILL proof: opens the till in PROOF_TILL_DIR (created and
// enrolled by the test), rings up a sale every PROOF_SALE_EVERY_MS while its pusher pushes, and
// reports on stdout as JSON lines — `ready`, `sold` (after the sale committed) and the pusher's log.
// It runs until it is killed.
//   node --import tsx main/sync/proof/till-process.ts
import type { Logger, LogFields } from '../../log';
import { openTestTill } from '../../services/test-till';
import { cashier } from '../../services/test-till';
import { readCredentials } from '../credentials';
import { cashierAt, tillConfig } from './proof-till';
import type { Good } from './proof-till';

const dataDir = process.env.PROOF_TILL_DIR ?? '';
const storeCode = process.env.PROOF_STORE ?? '0001';
const terminalCode = process.env.PROOF_TERMINAL ?? '01';
const saleEveryMs = Number(process.env.PROOF_SALE_EVERY_MS ?? 20);

const report = (event: string, fields: LogFields = {}) =>
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
const log: Logger = {
  info: (event, fields) => report(event, fields),
  warn: (event, fields) => report(event, fields),
  error: (event, fields) => report(event, fields),
};

const credentials = await readCredentials(dataDir);
if (!credentials) throw new Error(`${dataDir} holds no enrolled till`);
const till = openTestTill({
  dataDir,
  config: tillConfig(storeCode, terminalCode),
  log,
  sync: { backoff: { baseMs: 10, maxMs: 100 }, batchSize: 3, requestTimeoutMs: 30_000 },
});
await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
const desk = cashierAt(till, credentials.terminalId);
report('ready', { unpushed: desk.unpushed() });

const goods: Good[] = ['milk', 'bread', 'coffee', 'book', 'apples'];
for (let n = 0; ; n += 1) {
  const good = goods[n % goods.length] ?? 'milk';
  const receipt = await desk.sell(
    [
      { good, quantity: good === 'apples' ? 500 + n : 1 + (n % 3) },
      { good: 'bread', quantity: 1 },
    ],
    n % 2 === 0 ? 'cash' : 'card',
  );
  report('sold', { saleId: receipt.id, totalMinor: receipt.totalMinor });
  await new Promise((resolve) => setTimeout(resolve, saleEveryMs));
}
