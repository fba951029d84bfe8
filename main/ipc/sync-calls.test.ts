import { afterEach, describe, expect, it } from 'vitest';
import { cashier, fixture, manager, openTestTill } from '../services/test-till';
import type { TestTill } from '../services/test-till';

let till: TestTill;
afterEach(() => till?.close());

describe('the sync calls', () => {
  it('say a new till is not connected to HQ, with nothing pushed and nothing failed', async () => {
    till = openTestTill();
    await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
    expect(await till.must('sync.status', {})).toMatchObject({
      state: 'not-enrolled',
      queueDepth: 0,
      lastSuccessAt: null,
      lastError: null,
    });
  });

  it('let only a manager enrol, and name a bad address and an HQ that does not answer', async () => {
    till = openTestTill();
    await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
    const input = { hqUrl: 'http://127.0.0.1:9', code: 'ABCDE-FGHJK' };
    expect(await till.call('sync.enrol', input)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    await till.must('session.logout', {});
    await till.must('session.login', { userId: manager.id, pin: manager.pin });
    expect(await till.call('sync.enrol', { ...input, hqUrl: 'ftp://hq.example' })).toMatchObject({
      error: { code: 'BAD_HQ_URL' },
    });
    expect(await till.call('sync.enrol', input)).toMatchObject({ error: { code: 'HQ_UNREACHABLE' } });
    expect((await till.must('sync.status', {})).state).toBe('not-enrolled');
  });

  it('tell the screen how many changes wait after every sale, even with no HQ to push to', async () => {
    till = openTestTill();
    await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
    const depths: number[] = [];
    till.events.subscribe((name, payload) => {
      if (name === 'sync.changed') depths.push((payload as { queueDepth: number }).queueDepth);
    });
    const cart = await till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' });
    await till.must('payment.cash', { cartId: cart.id, receivedMinor: 10_000 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(depths.at(-1)).toBe(1);
  });
});
