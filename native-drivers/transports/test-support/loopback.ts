// Real TCP peers on 127.0.0.1 for transport tests: a printer-like server, and a listener that never
// answers (its accept queue is full), to exercise connect timeouts without depending on the network.
import { Worker } from 'node:worker_threads';
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

export interface LoopbackServer {
  port: number;
  /** Everything received, across connections. */
  received(): Buffer;
  /** Resolves with the next connection (or the current one if it has not been taken yet). */
  nextConnection(): Promise<Socket>;
  /** Resolves once at least `count` bytes have arrived. */
  bytes(count: number): Promise<Buffer>;
  /** Stops listening and drops every connection, as a printer switched off does. */
  close(): Promise<void>;
}

export async function startServer(port = 0): Promise<LoopbackServer> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  const pending: Socket[] = [];
  const connectionWaiters: ((socket: Socket) => void)[] = [];
  const byteWaiters: { count: number; resolve: (data: Buffer) => void }[] = [];
  const received = () => Buffer.concat(chunks);
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const all = received();
      for (const waiter of byteWaiters.filter((w) => all.length >= w.count)) {
        byteWaiters.splice(byteWaiters.indexOf(waiter), 1);
        waiter.resolve(all);
      }
    });
    const waiter = connectionWaiters.shift();
    if (waiter) waiter(socket);
    else pending.push(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1' }, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    received,
    nextConnection: () => {
      const socket = pending.shift();
      return socket ? Promise.resolve(socket) : new Promise((resolve) => connectionWaiters.push(resolve));
    },
    bytes: (count) => {
      const all = received();
      return all.length >= count
        ? Promise.resolve(all)
        : new Promise((resolve) => byteWaiters.push({ count, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port that refuses connections: it was just free, and nothing listens on it. */
export async function refusedPort(): Promise<number> {
  const server = await startServer();
  await server.close();
  return server.port;
}

export interface UnresponsiveListener {
  port: number;
  close(): Promise<void>;
}

/**
 * A listener whose thread is blocked, so it never accepts: once its backlog of one is full, the
 * kernel drops further SYNs and a connect waits until the client gives up.
 */
export async function unresponsiveListener(): Promise<UnresponsiveListener> {
  const gate = new SharedArrayBuffer(4);
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const server = require('node:net').createServer();
     server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
       parentPort.postMessage(server.address().port);
       Atomics.wait(new Int32Array(workerData), 0, 0);
     });`,
    { eval: true, workerData: gate },
  );
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  // Fill the accept queue (backlog + 1 on Linux) with connections nobody accepts.
  const fillers: Socket[] = [];
  for (let i = 0; i < 2; i++) {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    fillers.push(socket);
  }
  return {
    port,
    close: async () => {
      for (const socket of fillers) socket.destroy();
      Atomics.store(new Int32Array(gate), 0, 1);
      Atomics.notify(new Int32Array(gate), 0);
      await worker.terminate();
    },
  };
}
