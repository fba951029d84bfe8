// A TCP proxy on loopback between a till and HQ, for fault injection in tests: take HQ off the
// network, let a request through and drop HQ's answer (the lost ack of FIELD.md), or cut an answer
// in the middle of its body.
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
  /** Requests that reached HQ through the proxy, by first line (`POST /v1/push`). */
  requests: string[];
  close(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<TestProxy> {
  let isDown = false;
  let toDrop = 0;
  let cutAfter: number | null = null;
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
    client.on('data', (chunk) => {
      const line = chunk.toString('latin1').split('\r\n', 1)[0] ?? '';
      if (/^[A-Z]+ \//.test(line)) requests.push(line.replace(/ HTTP\/1\.1$/, ''));
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
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
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
