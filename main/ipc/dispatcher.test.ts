import { describe, expect, it } from 'vitest';
import { ok } from '../../contract/common';
import type { Logger, LogFields } from '../log';
import { createDispatcher } from './dispatcher';
import type { Handlers } from './dispatcher';

function recordingLogger() {
  const lines: { event: string; fields?: LogFields }[] = [];
  const record = (event: string, fields?: LogFields) => void lines.push({ event, fields });
  const log: Logger = { info: record, warn: record, error: record };
  return { log, lines };
}

/** Only the handlers a test needs; the rest would be a bug to reach. */
function dispatcherWith(handlers: Partial<Handlers>, loggedIn = true) {
  const { log, lines } = recordingLogger();
  let calls = 0;
  const counted = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (input: unknown) => {
        calls += 1;
        return (handler as (input: unknown) => unknown)(input);
      },
    ]),
  ) as unknown as Handlers;
  const dispatch = createDispatcher(
    counted,
    { public: new Set(['session.cashiers', 'session.login']), isLoggedIn: () => loggedIn },
    log,
  );
  return { dispatch, lines, calls: () => calls };
}

describe('the IPC dispatcher', () => {
  it('refuses an unknown call by name', async () => {
    const { dispatch, calls } = dispatcherWith({});
    expect(await dispatch('fs.readFile', { path: '/etc/shadow' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(calls()).toBe(0);
  });

  it('refuses a wrong shape before the handler runs and never logs the input', async () => {
    const { dispatch, lines, calls } = dispatcherWith({ 'session.login': () => ok(null as never) });
    const result = await dispatch('session.login', { userId: 1, pin: 12345678 });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', params: { field: 'pin' } } });
    expect(calls()).toBe(0);
    expect(JSON.stringify(lines)).not.toContain('12345678');
  });

  it('refuses a private call while nobody is logged in', async () => {
    const { dispatch, calls } = dispatcherWith({ 'cart.get': () => ok(null as never) }, false);
    expect(await dispatch('cart.get', {})).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
    expect(calls()).toBe(0);
  });

  it('answers INTERNAL when a handler returns something outside the contract', async () => {
    const { dispatch, lines } = dispatcherWith({
      'session.cashiers': () => ok([{ id: 'not a number' }] as never),
    });
    expect(await dispatch('session.cashiers', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(lines.map((line) => line.event)).toContain('ipc.bad_output');
  });

  it('answers INTERNAL without the stack when a handler throws, and logs the stack', async () => {
    const { dispatch, lines } = dispatcherWith({
      'session.cashiers': () => {
        throw new Error('disk on fire');
      },
    });
    const result = await dispatch('session.cashiers', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('disk on fire');
    expect(JSON.stringify(lines)).toContain('disk on fire');
  });
});
