// What HQ sends a till about its customers' purchases elsewhere: receipts of the chain's other stores
// and online orders, over the two years before the end. Customers who shop elsewhere at all get a
// share of the documents in proportion to how much they shop (clientele.ts); each basket follows the
// customer's own habits, so a profile's history across channels tells one story. Streams in customer
// order, documents of a customer in time order.
import type { TillConfig } from '../../../contract/config';
import { lineTotal } from '../../domain/money';
import { CHAIN_HISTORY_DAYS, DAY_MS, HOUR_MS, historyEnd, momentOfDay } from './calendar';
import { chainDocumentNo, onlineShops, otherStores } from './chain';
import type { Clientele } from './clientele';
import { joinedAt } from './clientele';
import { FIRST_GENERATED_CUSTOMER_ID, annaElsewhere, demoCustomers } from './demo-customers';
import { checkCount } from './limits';
import type { Rng } from './prng';
import { Stream, digits, intBetween, pick, rngFor } from './prng';
import type { HistoryDocument } from './rows';
import type { BasketStyle, Habits, Shelf } from './shopping';
import { fillBasket } from './shopping';

export interface HistoryPlan {
  seed: number;
  /** Generated documents, besides the demo customers' own. */
  count: number;
  /** Generated customers. */
  customers: number;
  now: Date;
  config: TillConfig;
  shelf: Shelf;
  clientele: Clientele;
}

const HOME_STORE_SHARE = 0.8;
const WEB_SHARE = 0.7;

/** Where numbering starts: the seed's from 0; a later top-up (bench/) past anything the seed used. */
export interface Numbering {
  /** Per shop: the first document counter (chain.ts numbers are a bijection of it). */
  firstDocument: number;
  firstLine: number;
}

/** Writes HQ documents for customers of a seeded store, numbering documents per shop and lines overall. */
export class ChainHistory {
  private readonly issued = new Map<string, number>();
  private lineId: number;
  private readonly stores: string[];
  readonly end: number;

  constructor(
    private readonly plan: Omit<HistoryPlan, 'count'>,
    private readonly numbering: Numbering = { firstDocument: 0, firstLine: 0 },
  ) {
    this.stores = otherStores(plan.config.store.code);
    this.end = historyEnd(plan.now);
    this.lineId = numbering.firstLine;
  }

  document(
    rng: Rng,
    customerId: number,
    shop: string,
    at: number,
    previous: number,
    habits: Habits,
  ): HistoryDocument {
    const style: BasketStyle = /^\d{4}$/.test(shop) ? 'store' : 'online';
    const n = this.issued.get(shop) ?? this.numbering.firstDocument;
    this.issued.set(shop, n + 1);
    const { shelf } = this.plan;
    const lines = fillBasket(rng, habits, shelf, at, previous, style).map(({ product, quantityMilli }) => {
      const total = lineTotal(product.priceMinor, quantityMilli);
      if (!total.ok) throw new Error(`demo line over the money cap: ${total.error.message}`);
      this.lineId += 1;
      return {
        // HQ numbers the lines it sends; a counter keeps the seed's inserts in key order.
        id: `hq-${digits(this.lineId, 12)}`,
        productId: product.id,
        names: shelf.names(product),
        categoryId: product.categoryId,
        quantityMilli,
        totalMinor: total.value,
      };
    });
    return {
      customerId,
      channel: style,
      storeCode: shop,
      documentNo: chainDocumentNo(this.plan.seed, shop, n, intBetween(rng, 1, 4)),
      purchasedAt: new Date(at).toISOString(),
      lines,
    };
  }

  /** `count` documents of generated customer `id` between joining (or two years back) and the end. */
  *customer(rng: Rng, id: number, count: number): Generator<HistoryDocument> {
    const { seed, clientele, customers } = this.plan;
    const { end, stores } = this;
    const shopper = clientele.shopper(id);
    const habits = clientele.habits(id);
    const joined = joinedAt(seed, id, customers, end);
    const from = Math.max(joined, end - CHAIN_HISTORY_DAYS * DAY_MS);
    const days = Array.from({ length: count }, () => Math.floor((from + rng() * (end - from)) / DAY_MS)).sort(
      (a, b) => a - b,
    );
    let before = 0;
    for (const day of days) {
      const online = rng() < shopper.onlineShare;
      const shop = online
        ? rng() < WEB_SHARE
          ? onlineShops[0]
          : onlineShops[1]
        : rng() < HOME_STORE_SHARE
          ? shopper.homeStore
          : pick(rng, stores);
      // Not before the customer joined, however early in the day that was; one document at a time.
      const at = Math.min(
        end - 1,
        Math.max(momentOfDay(rng, day * DAY_MS, online), joined + HOUR_MS, before + 1),
      );
      yield this.document(rng, id, shop, at, before, habits);
      before = at;
    }
  }
}

export function* generateHistory(plan: HistoryPlan): Generator<HistoryDocument> {
  checkCount('history', plan.count);
  const { seed, clientele } = plan;
  const history = new ChainHistory(plan);
  const { end } = history;

  // Анна Иванова's purchases at her other store and online (demo-customers.ts).
  const anna = demoCustomers.anna.id;
  const annaRng = rngFor(seed, Stream.history, anna);
  const annaStore = otherStores(plan.config.store.code)[0] ?? annaElsewhere.store.code;
  const annaDocs = [
    ...annaElsewhere.store.days.map((days) => ({ days, shop: annaStore })),
    ...annaElsewhere.online.days.map((days) => ({ days, shop: annaElsewhere.online.code as string })),
  ].sort((a, b) => b.days - a.days);
  let previous = 0;
  for (const { days, shop } of annaDocs) {
    const at = momentOfDay(annaRng, end - days * DAY_MS, !/^\d{4}$/.test(shop));
    yield history.document(annaRng, anna, shop, at, previous, clientele.habits(anna));
    previous = at;
  }

  const last = FIRST_GENERATED_CUSTOMER_ID + plan.customers;
  for (let id = FIRST_GENERATED_CUSTOMER_ID; id < last; id++) {
    const count = clientele.historyDocuments(id, plan.count);
    if (count > 0) yield* history.customer(rngFor(seed, Stream.history, id), id, count);
  }
}
