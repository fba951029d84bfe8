// Pushing terminals for the sync benchmarks: enrolled with HQ like tills, each pushing its outbox as
// a till's pusher does — oldest first, one request in flight — from bodies serialised before the
// clock starts, so the figure is HQ's and not the load generator's.
import { uuidV7 } from '../../contract/uuid-v7';
import { EnrolResponse } from '../../contract/sync';
import type { PushMutation, SaleCompleted } from '../../contract/sync';
import { fixture } from '../../main/services/test-till';
import { sale } from '../../hq/test-payloads';

/** Five products HQ knows at the till's prices (main/sync/proof/proof-hq.ts seeds them as ids 1–4 and 6). */
const GOODS = [
  { productId: 1, ...fixture.milk },
  { productId: 2, ...fixture.bread },
  { productId: 3, ...fixture.coffee },
  { productId: 4, ...fixture.book },
  { productId: 2, ...fixture.bread },
];

/** A completed cash sale of five lines, as a till's outbox carries it. */
export function fiveLineSale(storeCode: string, terminalCode: string, n: number): SaleCompleted {
  return sale({
    storeCode,
    terminalCode,
    items: GOODS.map((good, index) => ({ item: good, quantity: 1 + ((n + index) % 3) })),
  });
}

export function salesOf(
  storeCode: string,
  terminalCode: string,
  count: number,
  firstSeq = 1,
): PushMutation[] {
  return Array.from({ length: count }, (_, index) => ({
    id: uuidV7(), // as a till's outbox mints it
    seq: firstSeq + index,
    kind: 'sale.completed' as const,
    payload: fiveLineSale(storeCode, terminalCode, index),
    createdAt: new Date().toISOString(),
  }));
}

export interface BenchTerminal {
  terminalId: string;
  terminalCode: string;
  credential: string;
  hqEpoch: string;
}

export async function enrolTerminal(
  hqUrl: string,
  code: string,
  terminalCode: string,
  storeCode: string,
): Promise<BenchTerminal> {
  const response = await fetch(`${hqUrl}/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, terminalCode, deviceName: `Bench ${terminalCode}`, storeCode }),
  });
  if (response.status !== 201) throw new Error(`enrol answered ${response.status}`);
  const enrolled = EnrolResponse.parse(await response.json());
  return { ...enrolled, terminalCode };
}

/** Request bodies of `batchSize` mutations each, serialised and encoded once. */
export function pushBodies(
  terminal: BenchTerminal,
  mutations: PushMutation[],
  batchSize: number,
): Uint8Array<ArrayBuffer>[] {
  const encoder = new TextEncoder();
  const bodies: Uint8Array<ArrayBuffer>[] = [];
  for (let from = 0; from < mutations.length; from += batchSize) {
    const body = {
      terminalId: terminal.terminalId,
      hqEpoch: terminal.hqEpoch,
      mutations: mutations.slice(from, from + batchSize),
    };
    bodies.push(encoder.encode(JSON.stringify(body)));
  }
  return bodies;
}

/** Sends the bodies in order, each after the previous was answered; answers each request's latency (ms). */
export async function pushInOrder(
  hqUrl: string,
  terminal: BenchTerminal,
  bodies: Uint8Array<ArrayBuffer>[],
): Promise<number[]> {
  const latencies: number[] = [];
  for (const body of bodies) {
    const started = performance.now();
    const response = await fetch(`${hqUrl}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${terminal.credential}` },
      body,
    });
    const answer = await response.text();
    if (response.status !== 200) throw new Error(`push answered ${response.status}: ${answer.slice(0, 200)}`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}
