// A TCP proxy on loopback between a till and HQ, for fault injection in tests: take HQ off the
// network, let a request through and drop HQ's answer (the lost ack of FIELD.md), cut an answer in
// the middle of its body, or hold one there (a slow link) until the test cuts it.
import { connect, createServer } from 'node:net';
import type { Socket } from 'node:net';

export interface TestProxy {
  url: string;
  /** Connections are cut, new ones refused: HQ is unreachable. */
  down(): void;
  up(): void;
  /** The next `count` answers from HQ are dropped and their connections cut, after HQ has acted. */
  dropAnswers(count: number): void;
  /** The next answer is cut after its first `bytes` bytes reached the till: a connection lost mid-body. */
  cutAnswerAfter(bytes: number): void;
  /** The answer to the next request whose first line matches stops after its first `bytes` bytes. */
  stallAnswer(request: RegExp, bytes: number): void;
  /** Cuts the answers held by `stallAnswer`. */
  cutStalled(): void;
  /** Requests that reached HQ through the proxy, by first line (`POST /v1/push`). */
  requests: string[];
  close(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<TestProxy> {
  let isDown = false;
  let toDrop = 0;
  let cutAfter: number | null = null;
  let stall: { request: RegExp; bytes: number } | null = null;
  const stalled = new Set<Socket>();
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (isDown) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    let allowance: number | null = null;
    let held: number | null = null;
    client.on('data', (chunk) => {
      const line = chunk.toString('latin1').split('\r\n', 1)[0] ?? '';
      if (/^[A-Z]+ \//.test(line)) {
        requests.push(line.replace(/ HTTP\/1\.1$/, ''));
        if (stall?.request.test(line)) {
          held = stall.bytes;
          stall = null;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (held !== null) {
        client.write(chunk.subarray(0, held));
        held -= Math.min(held, chunk.length);
        if (held === 0) {
          // HQ's side backs up behind the paused socket; nothing more reaches the till.
          upstream.pause();
          stalled.add(client);
          stalled.add(upstream);
        }
        return;
      }
      if (toDrop > 0) {
        toDrop -= 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      if (allowance === null && cutAfter !== null) {
        allowance = cutAfter;
        cutAfter = null;
      }
      if (allowance !== null) {
        client.write(chunk.subarray(0, allowance));
        allowance -= Math.min(allowance, chunk.length);
        if (allowance === 0) {
          client.destroy();
          upstream.destroy();
        }
        return;
      }
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    down() {
      isDown = true;
      for (const socket of sockets) socket.destroy();
    },
    up() {
      isDown = false;
    },
    dropAnswers(count) {
      toDrop = count;
    },
    cutAnswerAfter(bytes) {
      cutAfter = bytes;
    },
    stallAnswer(request, bytes) {
      stall = { request, bytes };
    },
    cutStalled() {
      for (const socket of stalled) socket.destroy();
      stalled.clear();
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
