import { afterEach, describe, expect, it } from 'vitest';
import { TcpTransport, socketError } from './tcp';
import { refusedPort, startServer, unresponsiveListener } from './test-support/loopback';
import type { LoopbackServer, UnresponsiveListener } from './test-support/loopback';
import { TransportError } from './types';

let server: LoopbackServer | undefined;
let blackhole: UnresponsiveListener | undefined;
let transport: TcpTransport | undefined;

afterEach(async () => {
  await transport?.close();
  await server?.close();
  await blackhole?.close();
  server = blackhole = transport = undefined;
});

describe('TCP transport to a port-9100 printer', () => {
  it('sends receipt bytes to the printer and hands back what the printer answers', async () => {
    server = await startServer();
    transport = new TcpTransport({ host: '127.0.0.1', port: server.port });
    expect(transport.address).toBe(`tcp://127.0.0.1:${server.port}`);
    await transport.open();
    const printer = await server.nextConnection();

    await transport.write(Uint8Array.of(0x1b, 0x40, 0x48, 0x69, 0x0a));
    expect([...(await server.bytes(5))]).toEqual([0x1b, 0x40, 0x48, 0x69, 0x0a]);

    const answer = new Promise<Uint8Array>((resolve) => transport?.on('data', resolve));
    printer.write(Uint8Array.of(0x12)); // a DLE EOT 1 answer: online, drawer closed
    expect([...(await answer)]).toEqual([0x12]);
  });

  it('reports "disconnected" and closes when the printer drops the connection', async () => {
    server = await startServer();
    transport = new TcpTransport({ host: '127.0.0.1', port: server.port });
    await transport.open();
    const printer = await server.nextConnection();
    const events: string[] = [];
    const closed = new Promise<void>((resolve) => {
      transport?.on('error', (error) => events.push(`error:${error.kind}`));
      transport?.on('close', () => {
        events.push('close');
        resolve();
      });
    });

    printer.destroy();
    await closed;

    expect(events).toEqual(['error:disconnected', 'close']);
    await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ kind: 'disconnected' });
  });

  it('says not-found when nothing listens at the address (connection refused)', async () => {
    transport = new TcpTransport({ host: '127.0.0.1', port: await refusedPort() });
    const failure = await transport.open().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransportError);
    expect(failure).toMatchObject({ kind: 'not-found', code: 'ECONNREFUSED' });
  });

  it('gives up with "timeout" when the printer does not answer the connect', async () => {
    blackhole = await unresponsiveListener();
    transport = new TcpTransport({ host: '127.0.0.1', port: blackhole.port, connectTimeoutMs: 150 });
    const started = Date.now();
    await expect(transport.open()).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('stops a connect in progress when closed, without waiting for the timeout', async () => {
    blackhole = await unresponsiveListener();
    transport = new TcpTransport({ host: '127.0.0.1', port: blackhole.port, connectTimeoutMs: 10_000 });
    const opening = transport.open();
    await transport.close();
    await expect(opening).rejects.toMatchObject({ kind: 'disconnected' });
  });

  it('can be opened again after it was closed', async () => {
    server = await startServer();
    transport = new TcpTransport({ host: '127.0.0.1', port: server.port });
    await transport.open();
    await transport.close();
    await transport.open();
    await transport.write(Uint8Array.of(0x41));
    expect((await server.bytes(1)).toString()).toBe('A');
  });

  it('maps the socket errors a loopback cannot produce', () => {
    const kind = (code: string) => socketError(Object.assign(new Error(code), { code }), 'tcp://x:9100').kind;
    expect(kind('EHOSTUNREACH')).toBe('not-found');
    expect(kind('ETIMEDOUT')).toBe('timeout');
    expect(kind('EPIPE')).toBe('disconnected');
    expect(kind('ECONNRESET')).toBe('disconnected');
    expect(kind('EMFILE')).toBe('io');
  });
});
