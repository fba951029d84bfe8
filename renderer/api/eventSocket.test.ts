import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openEventSocket } from './eventSocket';

class FakeSocket {
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  close() {
    this.closed = true;
  }
}

describe('the event socket', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('delivers events, reconnects after a drop and reports the reconnect', () => {
    const sockets: FakeSocket[] = [];
    const received: Array<[string, unknown]> = [];
    let reconnects = 0;
    const stop = openEventSocket({
      url: 'ws://127.0.0.1:4000/api/events',
      protocols: ['omnitill.v1', 'token.ab12'],
      onMessage: (event, payload) => received.push([event, payload]),
      onReconnected: () => void (reconnects += 1),
      createSocket: (url, protocols) => {
        const socket = new FakeSocket(url, protocols);
        sockets.push(socket);
        return socket as unknown as WebSocket;
      },
    });

    sockets[0]?.onopen?.();
    sockets[0]?.onmessage?.({ data: '{"event":"cart.changed","payload":{"id":"x"}}' });
    sockets[0]?.onmessage?.({ data: 'not json' });
    expect(received).toEqual([['cart.changed', { id: 'x' }]]);
    expect(sockets[0]?.protocols).toEqual(['omnitill.v1', 'token.ab12']);

    sockets[0]?.onclose?.();
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(2);
    sockets[1]?.onopen?.();
    expect(reconnects).toBe(1);

    stop();
    expect(sockets[1]?.closed).toBe(true);
  });
});
