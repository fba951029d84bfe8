import { afterEach, describe, expect, it } from 'vitest';
import { ReconnectingTransport, backoffDelay, defaultBackoff } from './reconnecting';
import type { ConnectionState } from './reconnecting';
import { TcpTransport } from './tcp';
import { ManualScheduler, ScriptedTransport, settle } from './test-support/fakes';
import { startServer } from './test-support/loopback';
import type { LoopbackServer } from './test-support/loopback';

const policy = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.5, stableMs: 5000 };

function describeState(state: ConnectionState): string {
  switch (state.kind) {
    case 'waiting-retry':
      return `waiting ${state.ms} (${state.error.kind})`;
    case 'connecting':
      return `connecting #${state.attempt}`;
    default:
      return state.kind;
  }
}

function watched(inner: ScriptedTransport, random = () => 0) {
  const scheduler = new ManualScheduler();
  const transport = new ReconnectingTransport(inner, { backoff: policy, scheduler, random });
  const states: string[] = [];
  transport.on('state', (state) => states.push(describeState(state)));
  return { scheduler, transport, states };
}

describe('back-off', () => {
  it('doubles from the first wait up to the cap', () => {
    const waits = [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(policy, attempt, 0));
    expect(waits).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('takes up to the jitter fraction off each wait, never adds to it', () => {
    expect(backoffDelay(policy, 3, 0.999)).toBe(200);
    expect(backoffDelay(policy, 3, 0.5)).toBe(300);
    expect(backoffDelay(defaultBackoff, 100, 0)).toBe(defaultBackoff.maxMs);
  });
});

describe('reconnecting wrapper', () => {
  it('retries a missing device with growing waits until it appears', async () => {
    const inner = new ScriptedTransport();
    inner.failNextOpens(3);
    const { scheduler, transport, states } = watched(inner);
    const opened = transport.open();
    await scheduler.advance(100 + 200 + 400);
    await opened;
    expect(states).toEqual([
      'connecting #1',
      'waiting 100 (not-found)',
      'connecting #2',
      'waiting 200 (not-found)',
      'connecting #3',
      'waiting 400 (not-found)',
      'connecting #4',
      'open',
    ]);
    expect(transport.state).toEqual({ kind: 'open' });
  });

  it('reopens a device that dropped after working a while, starting from the first wait', async () => {
    const inner = new ScriptedTransport();
    const { scheduler, transport, states } = watched(inner);
    const errors: string[] = [];
    transport.on('error', (error) => errors.push(error.kind));
    await transport.open();
    await scheduler.advance(10_000);
    inner.drop();
    expect(scheduler.waiting).toEqual([100]);
    await scheduler.advance(100);
    expect(states.slice(-3)).toEqual(['waiting 100 (disconnected)', 'connecting #2', 'open']);
    expect(errors).toEqual(['disconnected']);
    await transport.write(Uint8Array.of(7));
    expect(inner.written).toHaveLength(1);
  });

  it('keeps backing off a device that hangs up again and again right after opening', async () => {
    const inner = new ScriptedTransport();
    const { scheduler, transport } = watched(inner);
    await transport.open();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      inner.drop();
      waits.push(...scheduler.waiting);
      await scheduler.advance(scheduler.waiting[0] ?? 0);
    }
    expect(waits).toEqual([100, 200, 400, 800]);
  });

  it('forwards data while open and refuses writes while the device is away', async () => {
    const inner = new ScriptedTransport();
    const { scheduler, transport } = watched(inner);
    const data: number[] = [];
    transport.on('data', (chunk) => data.push(...chunk));
    await transport.open();
    inner.emitData(Uint8Array.of(1, 2));
    inner.drop();
    inner.failNextOpens(1);
    await expect(transport.write(Uint8Array.of(3))).rejects.toMatchObject({
      kind: 'disconnected',
      message: 'test://scripted is not connected; next try in 100 ms',
    });
    expect(data).toEqual([1, 2]);
    await scheduler.advance(100);
    expect(inner.opens).toBe(2);
  });

  it('stops retrying once closed, and a pending open() then fails', async () => {
    const inner = new ScriptedTransport();
    inner.failNextOpens(10);
    const { scheduler, transport, states } = watched(inner);
    const closeEvents: number[] = [];
    transport.on('close', () => closeEvents.push(1));
    const opened = transport.open();
    await settle();
    await transport.close();
    await expect(opened).rejects.toMatchObject({ kind: 'disconnected' });
    await scheduler.advance(60_000);
    expect(inner.opens).toBe(1);
    expect(states.at(-1)).toBe('closed');
    expect(closeEvents).toHaveLength(1);
  });

  it('tries at once when told the device is back, instead of waiting out the back-off', async () => {
    const inner = new ScriptedTransport();
    inner.failNextOpens(4);
    const { scheduler, transport } = watched(inner);
    transport.start();
    await scheduler.advance(100 + 200 + 400);
    expect(scheduler.waiting).toEqual([800]);
    transport.retryNow();
    await settle();
    expect(transport.state.kind).toBe('open');
    expect(inner.opens).toBe(5);
    expect(scheduler.waiting).toEqual([]);
  });

  it('counts an open that is dropped before it settles as a failure', async () => {
    const inner = new ScriptedTransport();
    const { scheduler, transport } = watched(inner);
    const original = inner.open.bind(inner);
    let first = true;
    inner.open = async () => {
      await original();
      if (first) {
        first = false;
        inner.drop();
      }
    };
    transport.start();
    await settle();
    expect(transport.state.kind).toBe('waiting-retry');
    await scheduler.advance(100);
    expect(transport.state.kind).toBe('open');
  });
});

describe('reconnecting over real TCP', () => {
  let server: LoopbackServer | undefined;
  let transport: ReconnectingTransport | undefined;
  afterEach(async () => {
    await transport?.close();
    await server?.close();
    server = transport = undefined;
  });

  it('reconnects when the printer comes back on the same port', async () => {
    server = await startServer();
    const port = server.port;
    transport = new ReconnectingTransport(new TcpTransport({ host: '127.0.0.1', port }), {
      backoff: { initialMs: 10, maxMs: 40 },
    });
    const states: ConnectionState['kind'][] = [];
    const reopened = new Promise<void>((resolve) =>
      transport?.on('state', (state) => {
        states.push(state.kind);
        if (state.kind === 'open' && states.includes('waiting-retry')) resolve();
      }),
    );
    const sawRefusal = new Promise<void>((resolve) =>
      transport?.on('state', (state) => {
        if (state.kind === 'waiting-retry' && state.error.kind === 'not-found') resolve();
      }),
    );
    await transport.open();
    await server.close();
    await sawRefusal;

    server = await startServer(port);
    await reopened;
    await transport.write(new TextEncoder().encode('after the outage'));
    expect((await server.bytes(16)).toString()).toBe('after the outage');
    expect(states[0]).toBe('connecting');
    expect(states).toContain('waiting-retry');
  });
});
