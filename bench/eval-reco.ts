// `npm run eval:reco`: offline evaluation of recommendations. Leaves each customer's last basket out,
// builds the model on the rest, and asks four methods for 10 items: global best sellers, the
// customer's own most-bought items, those padded with best sellers, and Omnitill's blend
// (main/domain/reco). Prints JSON on stdout and a table on stderr.
import type { Basket } from '../main/domain/reco/basket';
import { buildRecoModel } from '../main/domain/reco/model';
import { indexRecoModel } from '../main/domain/reco/model-index';
import type { RecoNormalisation } from '../contract/reco';
import { parseEvalArgs, usage } from './reco/args';
import { readTransactionsCsv } from './reco/csv';
import type { CsvSkipped } from './reco/csv';
import { evaluateMethod, repeatShare } from './reco/evaluate';
import type { MethodScores } from './reco/evaluate';
import { generateBaskets } from './reco/generate';
import { globalPopularity, omnitillBlend, ownMostBought, ownPaddedWithBestSellers } from './reco/methods';
import { leaveLastBasketOut } from './reco/split';

const K = 10;

const parsed = parseEvalArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(2);
}
if (parsed.value === 'help') {
  console.info(usage);
  process.exit(0);
}
const options = parsed.value;
const elapsed = (since: number): number => Math.round(performance.now() - since);

let started = performance.now();
let baskets: Basket[];
let source: Record<string, unknown>;
let skipped: CsvSkipped | null = null;
if (options.csv === null) {
  baskets = generateBaskets({ seed: options.seed, customers: options.customers });
  source = { kind: 'generated', seed: options.seed, customers: options.customers };
} else {
  const read = await readTransactionsCsv(options.csv);
  if (!read.ok) {
    console.error(`eval:reco: ${read.error.message}`);
    process.exit(1);
  }
  baskets = read.value.baskets;
  skipped = read.value.skipped;
  source = { kind: 'csv', file: options.csv, rows: read.value.rows, skipped };
}
const loadMs = elapsed(started);

started = performance.now();
const split = leaveLastBasketOut(baskets);
if (split.heldOut.length === 0) {
  console.error('eval:reco: no customer has two baskets, so there is nothing to evaluate');
  process.exit(1);
}
const splitMs = elapsed(started);

const builtAt = Math.max(...split.heldOut.map((customer) => customer.at));
const modelFor = (normalisation: RecoNormalisation) => {
  const since = performance.now();
  const model = indexRecoModel(buildRecoModel(split.train, { builtAt, normalisation }));
  return { model, ms: elapsed(since) };
};
const cosine = modelFor('cosine');
const lift = modelFor('lift');

started = performance.now();
const methods: Record<string, MethodScores> = {
  popularity: evaluateMethod(split.heldOut, globalPopularity(cosine.model), K),
  'own-most-bought': evaluateMethod(split.heldOut, ownMostBought, K),
  'own-padded-best-sellers': evaluateMethod(split.heldOut, ownPaddedWithBestSellers(cosine.model), K),
  'omnitill-blend': evaluateMethod(split.heldOut, omnitillBlend(cosine.model), K),
};
// Not part of the comparison: what each part of the blend is worth, and the normalisation choice.
const diagnostics: Record<string, MethodScores> = {
  'blend-with-lift-model': evaluateMethod(split.heldOut, omnitillBlend(lift.model), K),
  'blend-without-co-occurrence': evaluateMethod(
    split.heldOut,
    omnitillBlend(cosine.model, { own: 0, cart: 0 }),
    K,
  ),
};
const evaluateMs = elapsed(started);

const items = new Set(baskets.flatMap((basket) => basket.items.map((item) => item.productId)));
const lines = baskets.reduce((sum, basket) => sum + basket.items.length, 0);
const report = {
  k: K,
  source,
  dataset: {
    baskets: baskets.length,
    trainBaskets: split.train.length,
    customersEvaluated: split.heldOut.length,
    products: items.size,
    lines,
    meanBasketItems: Number((lines / Math.max(1, baskets.length)).toFixed(2)),
    heldOutRepeatShare: repeatShare(split.heldOut),
  },
  methods,
  diagnostics,
  timingsMs: { load: loadMs, split: splitMs, buildCosine: cosine.ms, buildLift: lift.ms, evaluate: evaluateMs },
};
console.info(JSON.stringify(report, null, 2));

const row = (name: string, s: MethodScores) =>
  `${name.padEnd(30)} ${s.recall.toFixed(4).padStart(9)} ${s.ndcg.toFixed(4).padStart(9)} ${s.hitRate
    .toFixed(4)
    .padStart(9)} ${s.ms.p95.toFixed(3).padStart(9)}`;
console.error(
  [
    `${split.heldOut.length} customers, ${baskets.length} baskets, held-out repeat share ${report.dataset.heldOutRepeatShare}`,
    `${'method'.padEnd(30)} ${'Recall@10'.padStart(9)} ${'NDCG@10'.padStart(9)} ${'Hit@10'.padStart(9)} ${'p95 ms'.padStart(9)}`,
    ...Object.entries(methods).map(([name, scores]) => row(name, scores)),
    '-- diagnostics',
    ...Object.entries(diagnostics).map(([name, scores]) => row(name, scores)),
  ].join('\n'),
);
