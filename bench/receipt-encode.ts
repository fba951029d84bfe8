// `npm run bench:receipt`: time to turn a completed 30-line sale into ESC/POS bytes, printed as JSON.
//  - fullMs: contract Receipt -> printable document (labels, Intl formatting) -> layout -> bytes;
//  - encodeMs: document -> layout -> bytes only.
// Measured on a Chinese-capable 80 mm profile in Russian, so code-table switches (« » ×) are included.
// Target: p95 of fullMs <= 2 ms.
import { receiptDocument } from '../main/services/printing/receipt-document';
import { longSale } from '../main/services/printing/sample-receipts';
import { encodeReceipt } from '../native-drivers/printer/layout';
import { printerProfiles } from '../native-drivers/printer/profiles';
import { percentile } from './stats';

const LINES = 30;
const WARM_UP = 300;
const RUNS = Number(process.env.BENCH_RUNS ?? 3000);

const profile = printerProfiles['xprinter-xp-80'];
const receipt = longSale(LINES);
const settings = {
  locale: 'ru',
  timeZone: 'Europe/Moscow',
  eReceiptUrl: 'https://r.omnitill.example/{store}/{receiptNo}',
} as const;

function time(run: () => unknown): number[] {
  for (let i = 0; i < WARM_UP; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return samples;
}

const document = receiptDocument(receipt, settings);
const job = encodeReceipt(document, profile);
const full = time(() => encodeReceipt(receiptDocument(receipt, settings), profile));
const encode = time(() => encodeReceipt(document, profile));

console.info(
  JSON.stringify(
    {
      receiptLines: LINES,
      profile: profile.id,
      bytes: job.bytes.length,
      warnings: job.warnings.length,
      runs: RUNS,
      p50Ms: percentile(full, 50),
      p95Ms: percentile(full, 95),
      maxMs: percentile(full, 100),
      encodeOnly: {
        p50Ms: percentile(encode, 50),
        p95Ms: percentile(encode, 95),
        maxMs: percentile(encode, 100),
      },
      targetP95Ms: 2,
    },
    null,
    2,
  ),
);
