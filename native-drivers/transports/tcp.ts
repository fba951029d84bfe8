// Network receipt printers listen on raw TCP port 9100 ("JetDirect"/AppSocket): bytes in are
// printed, status bytes (DLE EOT answers, automatic status back) come back on the same socket.
import { Socket } from 'node:net';
import { Listeners } from './listeners';
import { TransportError } from './types';
import type { Transport, TransportErrorKind, TransportEvents } from './types';

export interface TcpOptions {
  host: string;
  /** Default 9100. */
  port?: number;
  /** How long a connect may take before it fails with 'timeout'. Default 3000 ms. */
  connectTimeoutMs?: number;
  /**
   * Idle time before the OS starts TCP keepalive probes, so a printer that lost power while idle is
   * noticed without sending it anything. Default 5000 ms.
   */
  keepAliveMs?: number;
}

export class TcpTransport implements Transport {
  readonly address: string;
  private readonly listeners = new Listeners<TransportEvents>();
  private socket: Socket | null = null;
  private opening: Promise<void> | null = null;
  private connecting: Socket | null = null;
  private closing = false;

  constructor(private readonly options: TcpOptions) {
    this.address = `tcp://${options.host}:${options.port ?? 9100}`;
  }

  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): () => void {
    return this.listeners.on(event, listener);
  }

  open(): Promise<void> {
    if (this.socket) return Promise.resolve();
    this.opening ??= this.connect().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new TransportError('disconnected', `${this.address} is not open`));
    return new Promise((resolve, reject) => {
      socket.write(bytes, (error) => (error ? reject(socketError(error, this.address)) : resolve()));
    });
  }

  async close(): Promise<void> {
    this.connecting?.destroy();
    await this.opening?.catch(() => undefined);
    const socket = this.socket;
    if (!socket) return;
    this.closing = true;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  private connect(): Promise<void> {
    const { host, port = 9100, connectTimeoutMs = 3000, keepAliveMs = 5000 } = this.options;
    const socket = new Socket();
    this.connecting = socket;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error: TransportError | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.connecting = null;
        if (error) {
          socket.destroy();
          reject(error);
        } else {
          resolve();
        }
      };
      const timer = setTimeout(
        () =>
          settle(
            new TransportError('timeout', `${this.address} did not answer within ${connectTimeoutMs} ms`),
          ),
        connectTimeoutMs,
      );
      const onError = (error: Error) => settle(socketError(error, this.address));
      const onClose = () =>
        settle(new TransportError('disconnected', `${this.address} closed while connecting`));
      socket.once('error', onError);
      socket.once('close', onClose);
      socket.connect({ host, port }, () => {
        if (settled) return;
        socket.off('error', onError);
        socket.off('close', onClose);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, keepAliveMs);
        this.adopt(socket);
        settle(null);
      });
    });
  }

  private adopt(socket: Socket): void {
    this.socket = socket;
    this.closing = false;
    let failure: TransportError | null = null;
    socket.on('data', (chunk: Buffer) => this.listeners.emit('data', chunk));
    socket.on('error', (error) => {
      failure ??= socketError(error, this.address);
    });
    // The printer closing its side is a disconnect: it never half-closes on purpose.
    socket.on('end', () => socket.destroy());
    socket.on('close', () => {
      this.socket = null;
      if (!this.closing) {
        this.listeners.emit(
          'error',
          failure ?? new TransportError('disconnected', `${this.address} closed the connection`),
        );
      }
      this.closing = false;
      this.listeners.emit('close');
    });
  }
}

const kindByCode: Record<string, TransportErrorKind> = {
  ECONNREFUSED: 'not-found',
  EHOSTUNREACH: 'not-found',
  ENETUNREACH: 'not-found',
  ENOTFOUND: 'not-found',
  EAI_AGAIN: 'not-found',
  ETIMEDOUT: 'timeout',
  EPIPE: 'disconnected',
  ECONNRESET: 'disconnected',
  ECONNABORTED: 'disconnected',
  ERR_STREAM_DESTROYED: 'disconnected',
  EACCES: 'access-denied',
  EPERM: 'access-denied',
};

const explanation: Partial<Record<TransportErrorKind, string>> = {
  'not-found': 'nothing answers at this address',
  timeout: 'did not answer in time',
  disconnected: 'the connection was lost',
  'access-denied': 'the system does not allow this connection',
};

/** Maps a node:net error to a TransportError; exported for tests of codes a loopback cannot produce. */
export function socketError(error: Error, address: string): TransportError {
  const code = (error as NodeJS.ErrnoException).code;
  const kind = (code && kindByCode[code]) || 'io';
  return new TransportError(
    kind,
    `${address}: ${explanation[kind] ?? error.message}${code ? ` (${code})` : ''}`,
    {
      code,
      cause: error,
    },
  );
}
