import { afterEach, describe, expect, it } from 'vitest';
import { PtyPair } from '../simulators/pty-pair';
import { SerialTransport, serialError } from './serial';
import type { Transport } from './types';

let pty: PtyPair | undefined;
const opened: Transport[] = [];

afterEach(async () => {
  for (const transport of opened.splice(0)) await transport.close();
  await pty?.close();
  pty = undefined;
});

async function openSerial(path: string): Promise<SerialTransport> {
  const transport = new SerialTransport({ path, baudRate: 9600 });
  await transport.open();
  opened.push(transport);
  return transport;
}

function collect(transport: Transport, count: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  return new Promise((resolve) => {
    const stop = transport.on('data', (chunk) => {
      chunks.push(Uint8Array.from(chunk));
      const all = Buffer.concat(chunks);
      if (all.length >= count) {
        stop();
        resolve(all);
      }
    });
  });
}

describe('serial transport over a real pseudo-terminal pair (socat)', () => {
  it('carries bytes both ways between the two ends', async () => {
    pty = await PtyPair.create();
    const till = await openSerial(pty.hostPath);
    const device = await openSerial(pty.devicePath);
    expect(till.address).toBe(`serial://${pty.hostPath}`);

    const atDevice = collect(device, 6);
    await till.write(new TextEncoder().encode('\x1b@ESC\r\n'));
    expect((await atDevice).toString()).toBe('\x1b@ESC\r\n');

    const atTill = collect(till, 14);
    await device.write(new TextEncoder().encode('4607001234567\r'));
    expect((await atTill).toString()).toBe('4607001234567\r');
  });

  it('refuses a second open of a port that is in use as "busy"', async () => {
    pty = await PtyPair.create();
    await openSerial(pty.hostPath);
    await expect(new SerialTransport({ path: pty.hostPath, baudRate: 9600 }).open()).rejects.toMatchObject({
      kind: 'busy',
    });
  });

  it('says not-found for a port that does not exist', async () => {
    await expect(
      new SerialTransport({ path: '/dev/ttyOMNI404', baudRate: 9600 }).open(),
    ).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('reports "disconnected" and closes when the device end goes away', async () => {
    pty = await PtyPair.create();
    const till = await openSerial(pty.hostPath);
    const events: string[] = [];
    const closed = new Promise<void>((resolve) => {
      till.on('error', (error) => events.push(`error:${error.kind}`));
      till.on('close', () => {
        events.push('close');
        resolve();
      });
    });
    await pty.close();
    pty = undefined;
    await closed;
    expect(events).toEqual(['error:disconnected', 'close']);
    await expect(till.write(Uint8Array.of(1))).rejects.toMatchObject({ kind: 'disconnected' });
  });

  it('maps the errors a root test machine cannot produce', () => {
    const kind = (message: string) => serialError(new Error(message), 'serial://x', 'io').kind;
    expect(kind('Error: Permission denied, cannot open /dev/ttyACM0')).toBe('access-denied');
    expect(kind('Opening COM3: Access denied')).toBe('busy');
    expect(kind('Opening COM9: File not found')).toBe('not-found');
    expect(kind('Error Resource temporarily unavailable Cannot lock port')).toBe('busy');
  });
});
