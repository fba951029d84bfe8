import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EscPosEvent } from './decoder';
import { EscPosDecoder, decodeEscPos } from './decoder';
import { EscPosEncoder } from './encoder';
import type { PrinterProfile } from './profiles';
import { printerProfiles } from './profiles';

const epson = printerProfiles['epson-tm-t20'];
const xprinter = printerProfiles['xprinter-xp-80'];

const linesOf = (events: EscPosEvent[]): string[] =>
  events.flatMap((event) => (event.type === 'line' ? [event.text] : []));

function roundTrip(profile: PrinterProfile, text: string): string[] {
  const job = new EscPosEncoder(profile).initialize().line(text).encode();
  return linesOf(decodeEscPos(job.bytes, { profile }));
}

/** Decodes `bytes` cut at the given points, as a socket might deliver them. */
function decodeInChunks(bytes: Uint8Array, cuts: number[], profile: PrinterProfile): EscPosEvent[] {
  const decoder = new EscPosDecoder({ profile });
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const events: EscPosEvent[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    events.push(...decoder.push(bytes.slice(from, point)));
    from = point;
  }
  return [...events, ...decoder.end()];
}

const chars = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
const russian = [
  ...chars(0x410, 0x44f),
  'Ё',
  'ё',
  '№',
  ' ',
  ',',
  '.',
  '%',
  '«',
  '»',
  '-',
  ...chars(0x30, 0x39),
];
const english = chars(0x20, 0x7e);
const chinese = [
  ...chars(0x4e00, 0x4e00 + 400),
  ...chars(0x8000, 0x8000 + 200),
  '，',
  '：',
  '（',
  '）',
  '！',
];
const textOf = (alphabet: string[]) =>
  fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((list) => list.join(''));

describe('ESC/POS decoder', () => {
  it('turns a stream into lines, styles, barcodes, QR codes, drawer pulses and cuts', () => {
    const job = new EscPosEncoder(epson)
      .initialize()
      .kickDrawer()
      .align('center')
      .bold(true)
      .line('Омнитилл')
      .bold(false)
      .align('left')
      .line('Итого 1 342,90')
      .barcodeCode128('0042-03-000017')
      .qrCode('https://r.omnitill.example/0042/0042-03-000017')
      .cut('partial', 0)
      .encode();
    const events = decodeEscPos(job.bytes, { profile: epson });
    expect(events.map((event) => event.type)).toEqual([
      'init',
      'code-page',
      'drawer',
      'align',
      'style',
      'line',
      'style',
      'align',
      'line',
      'barcode',
      'qr',
      'cut',
    ]);
    expect(events).toContainEqual({ type: 'code-page', table: 17, codePage: 'cp866' });
    expect(events).toContainEqual({ type: 'drawer', pin: 2, onMs: 50, offMs: 500 });
    expect(events).toContainEqual({
      type: 'line',
      text: 'Омнитилл',
      align: 'center',
      spans: [{ text: 'Омнитилл', bold: true, underline: 0, width: 1, height: 1 }],
    });
    expect(events).toContainEqual({
      type: 'barcode',
      symbology: 'code128',
      data: '0042-03-000017',
      hri: 'below',
      height: 80,
      moduleWidth: 2,
    });
    expect(events).toContainEqual({
      type: 'qr',
      payload: 'https://r.omnitill.example/0042/0042-03-000017',
      model: 2,
      moduleSize: 6,
      errorCorrection: 'M',
    });
    expect(events).toContainEqual({ type: 'cut', mode: 'partial', feed: 0 });
  });

  it('reads EAN-13 back with the check digit the printer adds, and CODE128 code sets', () => {
    const job = new EscPosEncoder(epson)
      .barcodeEan13('460051200001')
      .barcodeCode128('{R}-0042-1604', { hri: 'none' })
      .encode();
    const barcodes = decodeEscPos(job.bytes).flatMap((event) =>
      event.type === 'barcode' ? [event.data] : [],
    );
    expect(barcodes).toEqual(['4600512000015', '{R}-0042-1604']);
  });

  it('reads status requests, GS r and the real-time clear-buffer command', () => {
    const bytes = Uint8Array.of(
      0x10,
      0x04,
      0x01,
      0x10,
      0x04,
      0x04,
      0x1d,
      0x72,
      0x31,
      0x10,
      0x14,
      8,
      1,
      3,
      20,
      1,
      6,
      2,
      8,
    );
    expect(decodeEscPos(bytes)).toEqual([
      { type: 'status-request', command: 'DLE EOT', n: 1 },
      { type: 'status-request', command: 'DLE EOT', n: 4 },
      { type: 'status-request', command: 'GS r', n: 1 },
      { type: 'clear-buffer' },
    ]);
  });

  it('shows why FS . matters: an Xprinter in its default Chinese mode garbles CP866', () => {
    const cp866 = Uint8Array.of(0x1b, 0x40, 0x1b, 0x74, 17, 0x8c, 0xae, 0xab, 0xae, 0xaa, 0xae, 0x0a);
    expect(linesOf(decodeEscPos(cp866, { profile: xprinter }))).not.toEqual(['Молоко']);
    const withLeave = Uint8Array.of(0x1b, 0x40, 0x1c, 0x2e, ...cp866.slice(2));
    expect(linesOf(decodeEscPos(withLeave, { profile: xprinter }))).toEqual(['Молоко']);
  });

  it('keeps unknown commands as events and goes on', () => {
    const events = decodeEscPos(Uint8Array.of(0x1b, 0xff, 0x41, 0x0a, 0x07));
    expect(events).toEqual([
      { type: 'unknown', bytes: Uint8Array.of(0x1b, 0xff) },
      {
        type: 'line',
        text: 'A',
        align: 'left',
        spans: [{ text: 'A', bold: false, underline: 0, width: 1, height: 1 }],
      },
      { type: 'unknown', bytes: Uint8Array.of(0x07) },
    ]);
  });

  it('skips a raster image of any declared size without keeping it', () => {
    const decoder = new EscPosDecoder();
    // GS v 0: 65535 × 65535 bytes declared, far more than will ever come.
    const events = decoder.push(Uint8Array.of(0x1d, 0x76, 0x30, 0, 0xff, 0xff, 0xff, 0xff, 1, 2, 3));
    expect(events).toEqual([
      {
        type: 'other',
        command: 'GS v 0',
        bytes: Uint8Array.of(0x1d, 0x76, 0x30, 0, 0xff, 0xff, 0xff, 0xff),
        skipped: 65535 * 65535,
      },
    ]);
    expect(decoder.push(new Uint8Array(100_000))).toEqual([]);
  });

  it('reports a command cut short by the end of the stream as unknown', () => {
    expect(decodeEscPos(Uint8Array.of(0x41, 0x1d, 0x28, 0x6b, 0x10))).toEqual([
      { type: 'unknown', bytes: Uint8Array.of(0x1d, 0x28, 0x6b, 0x10) },
      {
        type: 'line',
        text: 'A',
        align: 'left',
        spans: [{ text: 'A', bold: false, underline: 0, width: 1, height: 1 }],
      },
    ]);
  });

  it('round-trips Russian text exactly', () => {
    fc.assert(
      fc.property(textOf(russian), (text) => {
        expect(roundTrip(epson, text)).toEqual([text]);
      }),
    );
  });

  it('round-trips English text exactly', () => {
    fc.assert(
      fc.property(textOf(english), (text) => {
        expect(roundTrip(epson, text)).toEqual([text]);
      }),
    );
  });

  it('round-trips Chinese mixed with Russian and English exactly on a GBK printer', () => {
    fc.assert(
      fc.property(textOf([...chinese, ...russian, ...english]), (text) => {
        expect(roundTrip(xprinter, text)).toEqual([text]);
      }),
    );
  });

  it('never throws, whatever the bytes', () => {
    const commandHeavy = fc.uint8Array({ maxLength: 600 }).map((bytes) =>
      // Bias towards command prefixes and their parameters so deep branches are reached.
      bytes.map((byte, i) =>
        i % 3 === 0 ? ([0x1b, 0x1d, 0x1c, 0x10, 0x0a, 0x28, 0x6b][byte % 7] ?? byte) : byte,
      ),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 600 }), commandHeavy),
        fc.boolean(),
        (bytes, chineseDefault) => {
          decodeEscPos(bytes, { profile: chineseDefault ? xprinter : epson });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same events however the stream is cut into chunks', () => {
    const receipt = new EscPosEncoder(xprinter)
      .initialize()
      .line('牛奶3.2% 1升 × 2')
      .line('Молоко «Простоквашино»')
      .barcodeCode128('0107-01-000512')
      .qrCode('https://r.omnitill.example/0107/0107-01-000512')
      .cut('partial', 0)
      .encode().bytes;
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(receipt), fc.uint8Array({ maxLength: 300 })),
        fc.array(fc.nat(), { maxLength: 12 }),
        (bytes, cuts) => {
          expect(decodeInChunks(bytes, cuts, xprinter)).toEqual(decodeEscPos(bytes, { profile: xprinter }));
        },
      ),
      { numRuns: 200 },
    );
  });
});
