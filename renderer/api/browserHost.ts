// The PosApi of a plain browser tab talking to main/host on loopback: calls are HTTP POSTs,
// events arrive over a WebSocket. Both carry the session token given in the page's URL.
import type { CallName, EventName, EventPayload, PosApi } from '../../contract/ipc';
import { isEventName } from '../../contract/ipc';
import { openEventSocket } from './eventSocket';
import type { Fetch } from './httpCall';
import { httpCall } from './httpCall';
import { takeHostToken } from './token';

type Listener = (payload: unknown) => void;

export function createBrowserHostApi(
  win: Window,
  fetchFn: Fetch = (input, init) => win.fetch(input, init),
): PosApi {
  const token = takeHostToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  const listeners = new Map<EventName, Set<Listener>>();

  const emit = (event: EventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };

  const api: PosApi = {
    call: (name, input) => httpCall(fetchFn, token, name, input),
    on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void) {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      const untyped = listener as Listener;
      set.add(untyped);
      return () => {
        set.delete(untyped);
      };
    },
  };

  // Whatever changed while the socket was down is fetched again and announced like an event.
  const resync = async () => {
    const resyncs: Array<[CallName & ('session.status' | 'cart.get'), EventName]> = [
      ['session.status', 'session.changed'],
      ['cart.get', 'cart.changed'],
    ];
    for (const [call, event] of resyncs) {
      const result = await api.call(call, {});
      if (result.ok) emit(event, result.value);
    }
  };

  openEventSocket({
    url: `ws://${win.location.host}/api/events`,
    protocols: ['omnitill.v1', `token.${token ?? ''}`],
    onMessage: (event, payload) => {
      if (isEventName(event)) emit(event, payload);
    },
    onReconnected: () => void resync(),
  });

  return api;
}
