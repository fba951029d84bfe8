import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { EscPosEncoder } from '../printer/encoder';
import { printerProfiles } from '../printer/profiles';
import { fullStatusRequest } from '../printer/status';
import { receiptText } from './printed-receipt';
import { defaultChromiumPath, renderReceiptPngs } from './receipt-png';
import { VirtualPrinter } from './virtual-printer';

const profile = printerProfiles['xprinter-xp-58'];
const printers: VirtualPrinter[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(printers.splice(0).map((printer) => printer.close()));
});

async function startPrinter(
  options: Parameters<typeof VirtualPrinter.start>[0] = {},
): Promise<VirtualPrinter> {
  const printer = await VirtualPrinter.start({ profile, ...options });
  printers.push(printer);
  return printer;
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
    sockets.push(socket);
  });
}

const send = (socket: Socket, bytes: Uint8Array): Promise<void> =>
  new Promise((resolve, reject) => socket.write(bytes, (error) => (error ? reject(error) : resolve())));

/** The next `count` bytes the printer sends back. */
function answers(socket: Socket, count: number, timeoutMs = 1000): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const got: number[] = [];
    const timer = setTimeout(() => {
      socket.off('data', onData);
      reject(new Error(`got ${got.length} of ${count} answer bytes`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      got.push(...chunk);
      if (got.length >= count) {
        clearTimeout(timer);
        socket.off('data', onData);
        resolve(got);
      }
    };
    socket.on('data', onData);
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function receiptBytes(title: string, lines: string[], options: { drawer?: boolean } = {}): Uint8Array {
  const encoder = new EscPosEncoder(profile).initialize();
  if (options.drawer) encoder.kickDrawer();
  encoder.align('center').bold(true).line(title).bold(false).align('left');
  for (const line of lines) encoder.line(line);
  return encoder.barcodeCode128('0042-03-000017').cut('partial', 0).encode().bytes;
}

describe('virtual network printer', () => {
  it('prints what a TCP client sends, one receipt per cut, with drawer and cut events', async () => {
    const printer = await startPrinter();
    const drawer: number[] = [];
    printer.on('drawer', (kick) => drawer.push(kick.pin));
    const socket = await open(printer.port);
    const first = printer.nextReceipt();
    await send(socket, receiptBytes('Кассовый чек', ['Молоко 3,2 % 1 л', '牛奶3.2% 1升'], { drawer: true }));
    const receipt = await first;
    expect(receipt.lines).toEqual(['Кассовый чек', 'Молоко 3,2 % 1 л', '牛奶3.2% 1升']);
    expect(receipt.barcodes).toEqual([{ symbology: 'code128', data: '0042-03-000017' }]);
    expect(receiptText(receipt, profile)).toBe(
      [
        '[drawer kick, pin 2]',
        '          Кассовый чек',
        'Молоко 3,2 % 1 л',
        '牛奶3.2% 1升',
        '[CODE128 0042-03-000017]',
        '[partial cut]',
        '',
      ].join('\n'),
    );
    expect(drawer).toEqual([2]);

    const second = printer.nextReceipt();
    await send(socket, receiptBytes('Чек возврата', ['Хлеб']));
    expect((await second).lines).toEqual(['Чек возврата', 'Хлеб']);
    expect(printer.receipts).toHaveLength(2);
  });

  it('answers DLE EOT at once from its condition', async () => {
    const printer = await startPrinter();
    const socket = await open(printer.port);
    const ready = answers(socket, 4);
    await send(socket, fullStatusRequest());
    expect(await ready).toEqual([0x12, 0x12, 0x12, 0x12]);

    printer.setCondition({ paperNearEnd: true, coverOpen: true });
    const troubled = answers(socket, 4);
    await send(socket, fullStatusRequest());
    expect(await troubled).toEqual([0x1a, 0x16, 0x12, 0x1e]);
  });

  it('stops mid-receipt when the paper runs out, still answers status, and finishes after a new roll', async () => {
    const printer = await startPrinter();
    const paperOut: boolean[] = [];
    printer.on('paper-out', () => paperOut.push(true));
    const cut: string[] = [];
    printer.on('receipt', () => cut.push('receipt'));
    const socket = await open(printer.port);
    const job = receiptBytes('Кассовый чек', ['Молоко', 'Хлеб', 'Вино', 'Яблоки']);
    printer.runOutOfPaperAfter(30);
    // The job ends with GS r 1, the end-of-job check, which answers only once the job has printed.
    await send(socket, job);
    await send(socket, new EscPosEncoder(profile).raw(Uint8Array.of(0x1d, 0x72, 0x01)).encode().bytes);
    const status = answers(socket, 1);
    await send(socket, Uint8Array.of(0x10, 0x04, 0x04));
    expect(await status).toEqual([0x7e]);
    await delay(50);
    expect(paperOut).toEqual([true]);
    expect(cut).toEqual([]);
    // The title made it onto the paper before the roll ended; the rest waits in the buffer.
    expect(printer.unfinished).toEqual([expect.objectContaining({ kind: 'line', text: 'Кассовый чек' })]);

    const endOfJob = answers(socket, 1);
    const receipt = printer.nextReceipt();
    printer.loadPaper();
    expect((await receipt).lines).toEqual(['Кассовый чек', 'Молоко', 'Хлеб', 'Вино', 'Яблоки']);
    expect(await endOfJob).toEqual([0x00]);
  });

  it('drops what waits in its buffer on DLE DC4 8, so a retried job is not printed twice', async () => {
    const printer = await startPrinter({ condition: { paperOut: true } });
    const socket = await open(printer.port);
    await send(socket, receiptBytes('Первая попытка', ['Молоко']));
    await send(socket, Uint8Array.of(0x10, 0x14, 8, 1, 3, 20, 1, 6, 2, 8));
    await delay(30);
    const receipt = printer.nextReceipt();
    printer.loadPaper();
    await send(socket, receiptBytes('Повтор', ['Молоко']));
    expect((await receipt).lines).toEqual(['Повтор', 'Молоко']);
  });

  it('stops reading when its buffer is full while it cannot print, and reads on after', async () => {
    const printer = await startPrinter({ condition: { coverOpen: true }, receiveBufferBytes: 1024 });
    const socket = await open(printer.port);
    // A raster image header declaring 8 MB, then the data: decoded by skipping, so only flow matters.
    const size = 8 * 1024 * 1024;
    const header = Uint8Array.of(0x1d, 0x76, 0x30, 0, 0x00, 0x04, 0x00, 0x20); // 1024 × 8192 bytes
    const sent = send(socket, Uint8Array.of(...header, ...new Uint8Array(64)));
    await sent;
    void send(socket, new Uint8Array(size - 64));
    await delay(150);
    expect(printer.received).toBeLessThan(size);
    printer.setCondition({ coverOpen: false });
    for (let i = 0; i < 100 && printer.received < size + header.length; i++) await delay(20);
    expect(printer.received).toBe(size + header.length);
  });

  it('refuses connections while unplugged and comes back on the same port', async () => {
    const printer = await startPrinter();
    const port = printer.port;
    const socket = await open(port);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await printer.unplug();
    await closed;
    expect(printer.pluggedIn).toBe(false);
    await expect(open(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    await printer.plugIn();
    expect(printer.pluggedIn).toBe(true);
    expect(printer.port).toBe(port);
    const again = await open(port);
    const receipt = printer.nextReceipt();
    await send(again, receiptBytes('Снова в сети', []));
    expect((await receipt).lines).toEqual(['Снова в сети']);
  });

  it.skipIf(!defaultChromiumPath())(
    'renders receipts to PNG with Cyrillic and real Chinese glyphs',
    async () => {
      const printer = await startPrinter();
      const socket = await open(printer.port);
      const receipts = [printer.nextReceipt()];
      await send(socket, receiptBytes('Кассовый чек', ['牛奶 1升']));
      const first = await receipts[0];
      const secondReceipt = printer.nextReceipt();
      await send(socket, receiptBytes('Кассовый чек', ['苹果 1升']));
      const second = await secondReceipt;
      if (!first) throw new Error('no receipt');
      const [a, b] = await renderReceiptPngs([first, second], { profile });
      if (!a || !b) throw new Error('no image');
      const imageA = PNG.sync.read(a);
      const imageB = PNG.sync.read(b);
      expect(imageA.width).toBeGreaterThan(200);
      expect(imageA.height).toBeGreaterThan(100);
      // Without a CJK font both lines would be the same "missing glyph" boxes.
      expect(Buffer.compare(imageA.data, imageB.data)).not.toBe(0);
    },
    15_000,
  );
});
