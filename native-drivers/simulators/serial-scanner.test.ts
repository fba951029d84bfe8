import { afterEach, describe, expect, it } from 'vitest';
import { SerialTransport } from '../transports/serial';
import { VirtualSerialScanner } from './serial-scanner';

let scanner: VirtualSerialScanner | undefined;
let port: SerialTransport | undefined;

afterEach(async () => {
  await port?.close();
  await scanner?.close();
  port = scanner = undefined;
});

async function connected(): Promise<{ scanner: VirtualSerialScanner; port: SerialTransport }> {
  scanner = await VirtualSerialScanner.start();
  port = new SerialTransport({ path: scanner.devicePath, baudRate: 9600 });
  await port.open();
  return { scanner, port };
}

/** Collects what the driver end receives until `terminator` arrives, and how many chunks it took. */
function receiveUntil(port: SerialTransport, terminator: number): Promise<{ bytes: Buffer; chunks: number }> {
  const parts: Buffer[] = [];
  return new Promise((resolve) => {
    const stop = port.on('data', (chunk) => {
      parts.push(Buffer.from(chunk));
      if (chunk.includes(terminator)) {
        stop();
        resolve({ bytes: Buffer.concat(parts), chunks: parts.length });
      }
    });
  });
}

describe('virtual serial scanner', () => {
  it('sends a label framed with the AIM prefix and CR, as a scanner in serial mode does', async () => {
    const { scanner, port } = await connected();
    const received = receiveUntil(port, 0x0d);
    await scanner.scan('4607001234567', { prefix: ']E0' });
    expect((await received).bytes.toString()).toBe(']E04607001234567\r');
  });

  it('sends byte by byte when paced, so the driver sees the label in pieces', async () => {
    const { scanner, port } = await connected();
    const received = receiveUntil(port, 0x0a);
    await scanner.scan('0104607001234567\x1d21ABC', { suffix: '\r\n', interByteDelayMs: 1 });
    const { bytes, chunks } = await received;
    expect(bytes.toString()).toBe('0104607001234567\x1d21ABC\r\n');
    expect(chunks).toBeGreaterThan(1);
  });

  it('sends QR text as UTF-8', async () => {
    const { scanner, port } = await connected();
    const received = receiveUntil(port, 0x0d);
    await scanner.scan('https://omnitill.app/чек/42', { prefix: ']Q1' });
    expect((await received).bytes.toString('utf8')).toBe(']Q1https://omnitill.app/чек/42\r');
  });

  it('looks unplugged to the driver when closed', async () => {
    const { scanner, port } = await connected();
    const lost = new Promise<string>((resolve) => port.on('error', (error) => resolve(error.kind)));
    await scanner.close();
    expect(await lost).toBe('disconnected');
  });
});
