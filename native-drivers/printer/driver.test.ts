import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { receiptText } from '../simulators/printed-receipt';
import { VirtualPrinter } from '../simulators/virtual-printer';
import { TcpTransport } from '../transports/tcp';
import { EscPosPrinter } from './driver';
import { EscPosEncoder } from './encoder';
import { printerProfiles } from './profiles';

const profile = printerProfiles['generic-80'];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function virtualPrinter(): Promise<VirtualPrinter> {
  const printer = await VirtualPrinter.start({ profile });
  cleanups.push(() => printer.close());
  return printer;
}

/** A TCP listener standing in for a device; `onData` plays its part. */
async function fakeDevice(onData: (socket: Socket, chunk: Buffer) => void): Promise<number> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => onData(socket, chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return address.port;
}

async function driverFor(port: number, options: { statusTimeoutMs?: number } = {}) {
  const transport = new TcpTransport({ host: '127.0.0.1', port });
  await transport.open();
  cleanups.push(() => transport.close());
  return new EscPosPrinter(transport, {
    deviceId: `tcp:127.0.0.1:${port}`,
    profile,
    jobCheckMs: 20,
    ...options,
  });
}

const lines = ['Молоко 3,2 % 1 л      89,90', 'Хлеб бородинский     54,00', 'Яблоки 1,2 кг       143,88'];

function receipt(title: string): Uint8Array {
  const encoder = new EscPosEncoder(profile).initialize();
  encoder.align('center').bold(true).line(title).bold(false).align('left');
  for (const line of lines) encoder.line(line);
  return encoder.barcodeCode128('0042-03-000017').cut('partial', 0).encode().bytes;
}

describe('ESC/POS printer driver', () => {
  it('reads the real-time status of a ready printer, and of one with its cover open and paper low', async () => {
    const printer = await virtualPrinter();
    const driver = await driverFor(printer.port);
    expect(await driver.status()).toEqual({
      ok: true,
      value: {
        online: true,
        coverOpen: false,
        paperOut: false,
        paperNearEnd: false,
        drawerOpen: false,
        error: false,
      },
    });
    printer.setCondition({ coverOpen: true, paperNearEnd: true });
    expect(await driver.status()).toMatchObject({
      ok: true,
      value: { online: false, coverOpen: true, paperNearEnd: true, paperOut: false },
    });
  });

  it('says timeout when the device on the line never answers a status request', async () => {
    const port = await fakeDevice(() => undefined);
    const driver = await driverFor(port, { statusTimeoutMs: 100 });
    expect(await driver.status()).toEqual({ ok: false, problem: 'timeout' });
  });

  it('prints a job and confirms it came out', async () => {
    const printer = await virtualPrinter();
    const driver = await driverFor(printer.port);
    expect(await driver.print(receipt('Кассовый чек'))).toEqual({ ok: true });
    expect(printer.receipts).toHaveLength(1);
    const [printed] = printer.receipts;
    if (!printed) throw new Error('no receipt');
    expect(receiptText(printed, profile)).toBe(
      [
        `${' '.repeat((profile.columns - 12) / 2)}Кассовый чек`,
        ...lines,
        '[CODE128 0042-03-000017]',
        '[partial cut]',
        '',
      ].join('\n'),
    );
  });

  it('sends nothing to a printer without paper', async () => {
    const printer = await virtualPrinter();
    printer.setCondition({ paperOut: true });
    const driver = await driverFor(printer.port);
    const received = printer.received;
    expect(await driver.print(receipt('Кассовый чек'))).toEqual({ ok: false, problem: 'paper-out' });
    // Only the four status requests went out.
    expect(printer.received - received).toBe(12);
    printer.loadPaper();
    expect(printer.receipts).toHaveLength(0);
    expect(printer.unfinished).toEqual([]);
  });

  it('fails a job the paper ran out on, drops its tail, and prints the retry whole and once', async () => {
    const printer = await virtualPrinter();
    const driver = await driverFor(printer.port);
    // The status request takes 12 bytes, then the title and a line or so print before the roll ends.
    printer.runOutOfPaperAfter(12 + 60);
    expect(await driver.print(receipt('Кассовый чек'))).toEqual({ ok: false, problem: 'paper-out' });
    expect(printer.unfinished.length).toBeGreaterThan(0);
    expect(printer.unfinished).not.toContainEqual(expect.objectContaining({ text: lines[2] }));

    // The tail was cleared from the printer's buffer, so the new roll prints nothing by itself.
    printer.loadPaper();
    expect(printer.receipts).toHaveLength(0);

    expect(await driver.print(receipt('Кассовый чек'))).toEqual({ ok: true });
    const [cutOff, reprint] = printer.receipts;
    // What the first attempt printed is cut off on its own; the retry is the whole receipt.
    expect(cutOff?.lines).not.toContain(lines[2]);
    expect(reprint?.lines).toEqual(['Кассовый чек', ...lines]);
    expect(
      printer.receipts.flatMap((printed) => printed.lines).filter((line) => line === lines[2]),
    ).toHaveLength(1);
  });

  it('answers status queries and jobs asked for at once in order, one at a time', async () => {
    const printer = await virtualPrinter();
    const driver = await driverFor(printer.port);
    const outcomes = await Promise.all([
      driver.status(),
      driver.print(receipt('Чек 1')),
      driver.status(),
      driver.print(receipt('Чек 2')),
      driver.status(),
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true, true, true]);
    expect(printer.receipts.map((printed) => printed.lines[0])).toEqual(['Чек 1', 'Чек 2']);
  });

  it('reports a printer that goes away mid-job as disconnected, and so the next job too', async () => {
    // Answers status "ready" but drops the line once a job has come, as a printer switched off does.
    const port = await fakeDevice((socket, chunk) => {
      for (let i = 0; i + 1 < chunk.length; i++) {
        if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) socket.write(Uint8Array.of(0x12));
      }
      if (chunk.includes(0x1d)) socket.destroy();
    });
    const driver = await driverFor(port);
    expect(await driver.print(receipt('Кассовый чек'))).toEqual({ ok: false, problem: 'disconnected' });
    expect(await driver.print(receipt('Кассовый чек'))).toEqual({ ok: false, problem: 'disconnected' });
  });
});
