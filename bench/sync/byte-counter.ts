// A loopback TCP relay in front of HQ that counts what HQ sends: the bytes a till's download really
// costs on the store's network (gzip'd), as opposed to the NDJSON it inflates to.
import { connect, createServer } from 'node:net';
import type { Socket } from 'node:net';

export interface ByteCounter {
  url: string;
  /** Bytes from HQ to the till since the relay started. */
  readonly received: number;
  close(): Promise<void>;
}

export async function startByteCounter(targetPort: number): Promise<ByteCounter> {
  let received = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    track(client);
    track(upstream);
    upstream.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    get received() {
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
