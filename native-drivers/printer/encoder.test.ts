import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscPosEncoder } from './encoder';
import { printerProfiles } from './profiles';

const epson = printerProfiles['epson-tm-t20'];
const xprinter = printerProfiles['xprinter-xp-80'];
/** Any code points, lone surrogates included (fc.string's 'binary' unit is far slower to generate). */
const anyText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xffff }),
      fc.integer({ min: 0x10000, max: 0x10ffff }),
    ),
    { maxLength: 80 },
  )
  .map((codePoints) => String.fromCodePoint(...codePoints));
const hex = (bytes: Uint8Array): string =>
  Buffer.from(bytes)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
const bytesOf = (build: (encoder: EscPosEncoder) => EscPosEncoder, profile = epson): string =>
  hex(build(new EscPosEncoder(profile)).encode().bytes);

describe('ESC/POS encoder', () => {
  it('initialises with ESC @ and selects PC866 with ESC t 17 on an Epson', () => {
    expect(bytesOf((e) => e.initialize())).toBe('1b 40 1b 74 11');
  });

  it('leaves the Chinese mode an Xprinter starts in (FS .) before selecting PC866', () => {
    expect(bytesOf((e) => e.initialize(), xprinter)).toBe('1b 40 1c 2e 1b 74 11');
  });

  it('prints Cyrillic as CP866 bytes', () => {
    expect(bytesOf((e) => e.initialize().line('Молоко Ёё №'))).toBe(
      '1b 40 1b 74 11 8c ae ab ae aa ae 20 f0 f1 20 fc 0a',
    );
  });

  it('prints Chinese in double-byte mode as GBK and leaves it before Cyrillic', () => {
    expect(bytesOf((e) => e.initialize().text('中文 1升').text('Сыр'), xprinter)).toBe(
      '1b 40 1c 2e 1b 74 11 1c 26 d6 d0 ce c4 20 31 c9 fd 1c 2e 91 eb e0',
    );
  });

  it('switches code tables only for characters the current one lacks', () => {
    // × is not in CP866; PC858 (ESC t 19) has it at 0x9E; back to CP866 for the next Cyrillic letter.
    expect(bytesOf((e) => e.initialize().text('7 × 14 л'))).toBe(
      '1b 40 1b 74 11 37 20 1b 74 13 9e 20 31 34 20 1b 74 11 ab',
    );
  });

  it('prints "?" for characters no code table has, counts them and warns, without throwing', () => {
    const job = new EscPosEncoder(epson).initialize().text('100 ₽ 中文 😀').encode();
    expect(hex(job.bytes)).toBe('1b 40 1b 74 11 31 30 30 20 3f 20 3f 3f 20 3f');
    expect(job.unprintable).toBe(4);
    expect(job.warnings).toEqual([{ code: 'UNPRINTABLE_CHARACTERS', count: 4, characters: '₽中文😀' }]);
  });

  it('encodes style, alignment and feed commands as the reference defines them', () => {
    expect(bytesOf((e) => e.bold(true).bold(false))).toBe('1b 45 01 1b 45 00');
    expect(bytesOf((e) => e.underline(2))).toBe('1b 2d 02');
    expect(bytesOf((e) => e.size(2, 2).size(1, 2).size(1, 1))).toBe('1d 21 11 1d 21 01 1d 21 00');
    expect(bytesOf((e) => e.align('center').align('right').align('left'))).toBe('1b 61 01 1b 61 02 1b 61 00');
    expect(bytesOf((e) => e.feed(3))).toBe('1b 64 03');
    expect(bytesOf((e) => e.feed(300))).toBe('1b 64 ff 1b 64 2d');
  });

  it('cuts with GS V: function A without feed, function B (1D 56 41/42 n) with it', () => {
    expect(bytesOf((e) => e.cut('full'))).toBe('1d 56 00');
    expect(bytesOf((e) => e.cut('partial'))).toBe('1d 56 01');
    expect(bytesOf((e) => e.cut('full', 3))).toBe('1d 56 41 03');
    expect(bytesOf((e) => e.cut('partial', 0))).toBe('1d 56 42 00');
  });

  it('kicks the drawer with ESC p m t1 t2 in 2 ms units', () => {
    expect(bytesOf((e) => e.kickDrawer())).toBe('1b 70 00 19 fa');
    expect(bytesOf((e) => e.kickDrawer(5, 100, 200))).toBe('1b 70 01 32 64');
  });

  it('stores and prints a QR code with GS ( k: model 2, size, error correction, data, print', () => {
    const payload = 'https://r.omnitill.example/0042/0042-03-000017';
    const length = payload.length + 3;
    expect(bytesOf((e) => e.qrCode(payload, { moduleSize: 6, errorCorrection: 'M' }))).toBe(
      [
        '1d 28 6b 04 00 31 41 32 00',
        '1d 28 6b 03 00 31 43 06',
        '1d 28 6b 03 00 31 45 31',
        `1d 28 6b ${length.toString(16)} 00 31 50 30 ${hex(new TextEncoder().encode(payload))}`,
        '1d 28 6b 03 00 31 51 30',
      ].join(' '),
    );
  });

  it('skips a QR code with no data or more than a symbol holds, with a warning', () => {
    const job = new EscPosEncoder(epson).qrCode('').qrCode('x'.repeat(3000)).encode();
    expect(job.bytes.length).toBe(0);
    expect(job.warnings.map((warning) => warning.code)).toEqual(['QR_SKIPPED', 'QR_SKIPPED']);
  });

  it('prints a receipt number as CODE128 (GS k 73) with HRI below, digit runs in code set C', () => {
    expect(bytesOf((e) => e.barcodeCode128('0042-03-R000017'))).toBe(
      '1d 48 02 1d 68 50 1d 77 02 1d 6b 49 10 7b 43 00 2a 7b 42 2d 30 33 2d 52 7b 43 00 00 11',
    );
  });

  it('escapes "{" in CODE128 data and never lets digit pairs read as DLE EOT', () => {
    expect(bytesOf((e) => e.barcodeCode128('{A}', { hri: 'none' }))).toContain(
      '1d 6b 49 06 7b 42 7b 7b 41 7d',
    );
    const pairs = bytesOf((e) => e.barcodeCode128('R-1604'));
    expect(pairs).not.toMatch(/10 0[45]|10 14/);
  });

  it('skips a barcode the printer could not print and says why', () => {
    const job = new EscPosEncoder(printerProfiles['generic-58'])
      .barcodeCode128('Чек 1')
      .barcodeCode128('A-B-C-D-E-F-G-H-I-J-K-L-M-N-O-P-Q')
      .barcodeEan13('4600512000016')
      .encode();
    expect(job.bytes.length).toBe(0);
    expect(job.warnings).toEqual([
      expect.objectContaining({ code: 'BARCODE_SKIPPED', symbology: 'code128', data: 'Чек 1' }),
      expect.objectContaining({ code: 'BARCODE_SKIPPED', reason: expect.stringContaining('dots wide') }),
      expect.objectContaining({ code: 'BARCODE_SKIPPED', symbology: 'ean13', reason: 'wrong check digit' }),
    ]);
  });

  it('prints EAN-13 with GS k 67 and 12 digits, letting the printer add the check digit', () => {
    expect(bytesOf((e) => e.barcodeEan13('4600512000015', { height: 60, moduleWidth: 3, hri: 'both' }))).toBe(
      '1d 48 03 1d 68 3c 1d 77 03 1d 6b 43 0c 34 36 30 30 35 31 32 30 30 30 30 31',
    );
  });

  it('never throws on any text and prints one byte or GBK pair per character', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const job = new EscPosEncoder(xprinter).initialize().text(text).encode();
        expect(job.unprintable).toBeLessThanOrEqual([...text].length);
      }),
      { numRuns: 200 },
    );
  });
});
