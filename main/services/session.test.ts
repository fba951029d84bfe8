import { afterEach, describe, expect, it } from 'vitest';
import { defaultTillConfig } from '../../contract/config';
import { cashier, manager, openTestTill } from './test-till';
import type { TestTill } from './test-till';

let till: TestTill;
afterEach(() => till?.close());

describe('logging in with a PIN', () => {
  it('lists the active users and logs one in with the right PIN', async () => {
    till = openTestTill();
    expect((await till.must('session.cashiers', {})).map((user) => user.name)).toEqual([
      cashier.name,
      manager.name,
    ]);
    expect(await till.must('session.login', { userId: cashier.id, pin: cashier.pin })).toEqual({
      id: cashier.id,
      name: cashier.name,
      role: 'cashier',
    });
    expect((await till.must('session.status', {})).user?.id).toBe(cashier.id);
    await till.must('session.logout', {});
    expect((await till.must('session.status', {})).user).toBeNull();
  });

  it('refuses a wrong PIN and says how many tries are left', async () => {
    till = openTestTill();
    expect(await till.call('session.login', { userId: cashier.id, pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_PIN', params: { left: 4 } },
    });
    expect((await till.must('session.status', {})).user).toBeNull();
  });

  it('locks the user out after five wrong PINs, even for the right one, until the lockout passes', async () => {
    let now = new Date('2026-11-23T10:00:00Z');
    till = openTestTill({ now: () => now });
    for (let i = 0; i < defaultTillConfig.login.maxAttempts; i++) {
      await till.call('session.login', { userId: cashier.id, pin: '0000' });
    }
    expect(await till.call('session.login', { userId: cashier.id, pin: cashier.pin })).toMatchObject({
      ok: false,
      // The UI's message says how long to wait in `seconds`.
      error: { code: 'LOCKED_OUT', params: { seconds: defaultTillConfig.login.lockoutSeconds } },
    });
    now = new Date(now.getTime() + (defaultTillConfig.login.lockoutSeconds + 1) * 1000);
    expect((await till.call('session.login', { userId: cashier.id, pin: cashier.pin })).ok).toBe(true);
  });

  it('refuses a PIN that is not 4 to 8 digits before checking anything', async () => {
    till = openTestTill();
    expect(await till.call('session.login', { userId: cashier.id, pin: '11' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', params: { field: 'pin' } },
    });
  });
});

describe('the session status', () => {
  it('tells every window what the simulated payment terminal answers next, across log-ins', async () => {
    till = openTestTill();
    expect((await till.must('session.status', {})).paymentSimulator).toEqual({ outcome: 'approve' });
    await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
    await till.must('simulator.setPaymentOutcome', { outcome: 'decline' });
    await till.must('session.logout', {});
    expect((await till.must('session.status', {})).paymentSimulator).toEqual({ outcome: 'decline' });
  });
});
