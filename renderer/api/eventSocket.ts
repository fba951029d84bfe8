// Events from the loopback host over one WebSocket, reconnected with back-off for as long as the
// page lives. After a reconnect the caller is told, because events sent while away are lost.
import { reconnectDelay } from './backoff';

export interface EventSocketOptions {
  url: string;
  protocols: string[];
  onMessage(event: string, payload: unknown): void;
  onReconnected(): void;
  createSocket?: (url: string, protocols: string[]) => WebSocket;
}

export function openEventSocket(options: EventSocketOptions): () => void {
  const createSocket = options.createSocket ?? ((url, protocols) => new WebSocket(url, protocols));
  let attempt = 0;
  let everOpened = false;
  let closed = false;
  let socket: WebSocket | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    socket = createSocket(options.url, options.protocols);
    socket.onopen = () => {
      attempt = 0;
      if (everOpened) options.onReconnected();
      everOpened = true;
    };
    socket.onmessage = (message: MessageEvent) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(message.data));
      } catch {
        console.error('omnitill: ignored an event that is not JSON');
        return;
      }
      const { event, payload } = (parsed ?? {}) as { event?: unknown; payload?: unknown };
      if (typeof event === 'string') options.onMessage(event, payload);
    };
    socket.onclose = () => {
      socket = null;
      if (closed) return;
      retry = setTimeout(connect, reconnectDelay(attempt));
      attempt += 1;
    };
  };

  connect();
  return () => {
    closed = true;
    clearTimeout(retry);
    socket?.close();
  };
}
