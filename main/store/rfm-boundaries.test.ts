import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './db';
import type { Db } from './db';
import { computeRfmBoundaries, createRfmBoundaries } from './rfm-boundaries';

const now = new Date('2025-06-15T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000 - 3_600_000).toISOString();

let dir: string;
let db: Db;
let receipt = 0;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'omnitill-rfm-'));
  db = openDatabase(join(dir, 'till.sqlite'));
  db.prepare("INSERT INTO users (id, name, role, pin_hash) VALUES (1, 'Анна Петрова', 'cashier', 'x')").run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function customer(id: number, extra: { mergedInto?: number; erased?: boolean } = {}): void {
  db.prepare(
    'INSERT INTO customers (id, name, created_at, merged_into, erased_at) VALUES (?, ?, ?, ?, ?)',
  ).run(
    id,
    extra.erased ? '' : `Customer ${id}`,
    daysAgo(900),
    extra.mergedInto ?? null,
    extra.erased ? daysAgo(1) : null,
  );
}

function sale(customerId: number, totalMinor: number, days: number, status = 'completed'): string {
  receipt += 1;
  const receiptNo = `0001-01-${String(receipt).padStart(6, '0')}`;
  db.prepare(
    `INSERT INTO sales (id, receipt_no, store_code, terminal_code, cashier_id, customer_id, status, currency,
       total_minor, tax_minor, created_at)
     VALUES (?, ?, '0001', '01', 1, ?, ?, 'RUB', ?, 0, ?)`,
  ).run(`sale-${receipt}`, receiptNo, customerId, status, totalMinor, daysAgo(days));
  return receiptNo;
}

let line = 0;
function document(customerId: number, documentNo: string, days: number, totals: number[]): void {
  for (const total of totals) {
    line += 1;
    db.prepare(
      `INSERT INTO purchase_history (id, customer_id, channel, store_code, document_no, purchased_at, product_id,
         names, quantity_milli, total_minor)
       VALUES (?, ?, 'store', ?, ?, ?, 1, '{"ru":"Молоко"}', 1000, ?)`,
    ).run(`hq-${line}`, customerId, documentNo.slice(0, 4), documentNo, daysAgo(days), total);
  }
}

const stored = () =>
  db.prepare('SELECT metric, b1, b2, b3, b4, source FROM rfm_boundaries ORDER BY metric').all();

describe('computeRfmBoundaries', () => {
  it('takes quintiles over the customers who bought, counting each document once and merges as their survivor', () => {
    for (const id of [1, 2, 5, 6]) customer(id);
    customer(3, { mergedInto: 1 });
    customer(4, { erased: true });
    sale(1, 1000, 10);
    sale(1, 3000, 40);
    sale(1, 99_999, 2, 'voided');
    sale(3, 5000, 3);
    sale(4, 900, 50);
    const echoed = sale(2, 800, 20);
    document(2, '0007-02-000101', 100, [500, 700]);
    document(2, 'WEB-000000777', 5, [2000]);
    // HQ sends this till's own sale back: it is the sale, not a second purchase.
    document(2, echoed, 20, [800]);
    document(6, '0012-01-004242', 300, [100]);

    // Customer 1: 3 documents (one of them their merged duplicate's), 9 000, 3 days ago; customer 2:
    // 3 documents, 4 000, 5 days ago; customer 6: 1 document, 100, 300 days ago.
    expect(computeRfmBoundaries(db, now)).toEqual({
      recency: [3, 5, 5, 300],
      frequency: [1, 3, 3, 3],
      monetary: [100, 4000, 4000, 9000],
    });
    expect(stored()).toEqual([
      { metric: 'frequency', b1: 1, b2: 3, b3: 3, b4: 3, source: 'local' },
      { metric: 'monetary', b1: 100, b2: 4000, b3: 4000, b4: 9000, source: 'local' },
      { metric: 'recency', b1: 3, b2: 5, b3: 5, b4: 300, source: 'local' },
    ]);
  });

  it('never overwrites the boundaries HQ sent', () => {
    customer(1);
    sale(1, 1000, 10);
    db.prepare(
      `INSERT INTO rfm_boundaries (metric, b1, b2, b3, b4, source, computed_at)
       VALUES ('recency', 7, 30, 90, 180, 'hq', ?), ('frequency', 1, 2, 4, 8, 'hq', ?), ('monetary', 1, 2, 3, 4, 'hq', ?)`,
    ).run(daysAgo(1), daysAgo(1), daysAgo(1));
    const before = stored();
    expect(computeRfmBoundaries(db, now)?.recency).toEqual([10, 10, 10, 10]);
    expect(stored()).toEqual(before);
  });

  it('writes nothing before anyone has bought anything', () => {
    customer(1);
    sale(1, 1000, 10, 'voided');
    expect(computeRfmBoundaries(db, now)).toBeNull();
    expect(stored()).toEqual([]);
  });

  it('reads every k-th customer of a large store, within a step of the exact quintiles', () => {
    db.transaction(() => {
      for (let id = 1; id <= 2000; id++) {
        customer(id);
        // Purchases 1–7 and spend growing with them, recency spread over a year.
        const purchases = 1 + ((id * 7919) % 7);
        for (let n = 0; n < purchases; n++) sale(id, 1000 * purchases, ((id * 31) % 365) + n);
      }
    })();
    const exact = createRfmBoundaries(db, { sample: 10_000 }).compute(now);
    const sampled = createRfmBoundaries(db, { sample: 200 }).compute(now);
    if (!exact || !sampled) throw new Error('no boundaries');
    for (const metric of ['recency', 'frequency', 'monetary'] as const) {
      const step = metric === 'recency' ? 20 : metric === 'frequency' ? 1 : 1000;
      sampled[metric].forEach((bound, index) => {
        expect(Math.abs(bound - (exact[metric][index] ?? 0)), metric).toBeLessThanOrEqual(step);
      });
    }
  });
});
