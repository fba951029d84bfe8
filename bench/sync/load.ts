// Background load for the push-latency benchmark, in its own process so it does not share the
// measured till's event loop: terminals (enrolled by the parent, passed in BENCH_LOAD as JSON)
// push 5-line sales to HQ, at BENCH_LOAD_RATE sales per second in batches of 10, or as fast as HQ
// takes them in batches of 20 when the rate is 0. Reports `{"pushed": n}` on stdout when told to stop.
//   node --import tsx bench/sync/load.ts
import { pushBodies, pushInOrder, salesOf } from './terminals';
import type { BenchTerminal } from './terminals';

const hqUrl = process.env.BENCH_HQ_URL ?? '';
const terminals = JSON.parse(process.env.BENCH_LOAD ?? '[]') as BenchTerminal[];
const rate = Number(process.env.BENCH_LOAD_RATE ?? 0);
const storeCode = process.env.BENCH_STORE ?? '0001';

let stopping = false;
let pushed = 0;
process.once('SIGTERM', () => {
  stopping = true;
});

const batchSize = rate > 0 ? 10 : 20;
/** Per terminal: one push every `everyMs` (rate > 0), or back to back. */
const everyMs = rate > 0 ? (1000 * batchSize * terminals.length) / rate : 0;

await Promise.all(
  terminals.map(async (terminal, index) => {
    let seq = 1;
    // Spread the terminals over the period, as independent tills would be.
    await new Promise((resolve) => setTimeout(resolve, (everyMs * index) / terminals.length));
    let next = performance.now();
    while (!stopping) {
      const [body] = pushBodies(
        terminal,
        salesOf(storeCode, terminal.terminalCode, batchSize, seq),
        batchSize,
      );
      await pushInOrder(hqUrl, terminal, body ? [body] : []);
      seq += batchSize;
      pushed += batchSize;
      if (everyMs > 0) {
        next += everyMs;
        const wait = next - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }),
);
process.stdout.write(`${JSON.stringify({ pushed })}\n`);
