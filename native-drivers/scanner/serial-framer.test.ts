import { describe, expect, it } from 'vitest';
import { SerialScannerFraming } from '../../contract/config';
import type { SerialOutcome } from './serial-framer';
import { SerialFramer } from './serial-framer';

const DEVICE = 'serial:/dev/ttyACM0';
const framer = (framing: Partial<SerialScannerFraming> = {}) =>
  new SerialFramer(SerialScannerFraming.parse(framing), DEVICE);
const bytes = (text: string) => new TextEncoder().encode(text);
const data = (outcomes: SerialOutcome[]) =>
  outcomes.map((outcome) => (outcome.ok ? outcome.value.data : outcome.error));

describe('SerialFramer with the default framing (any line end, AIM ids read)', () => {
  it('turns a CR-terminated label into a scan event with its AIM id', () => {
    expect(framer().push(bytes(']E04600682000181\r'), 1_000)).toEqual([
      {
        ok: true,
        value: {
          data: '4600682000181',
          symbology: 'ean13',
          aim: ']E0',
          source: 'serial',
          deviceId: DEVICE,
          at: 1_000,
        },
      },
    ]);
  });

  it('accepts CR, LF and CRLF alike and never makes an empty label of CRLF', () => {
    const target = framer();
    expect(data(target.push(bytes('96385074\r\n4600682000181\nSKU-00042\r'), 5))).toEqual([
      '96385074',
      '4600682000181',
      'SKU-00042',
    ]);
  });

  it('joins a label split over several reads, however the USB driver cut it', () => {
    const target = framer();
    expect(target.push(bytes(']C0SKU-'), 10)).toEqual([]);
    expect(target.push(bytes('000'), 12)).toEqual([]);
    expect(data(target.push(bytes('42\r'), 14))).toEqual(['SKU-00042']);
  });

  it('decodes UTF-8 split in the middle of a letter between reads', () => {
    const label = bytes(']Q1Молоко\r');
    const target = framer();
    expect(target.push(label.slice(0, 6), 1)).toEqual([]);
    expect(target.push(label.slice(6), 2)).toMatchObject([
      { ok: true, value: { data: 'Молоко', symbology: 'qr' } },
    ]);
  });

  it('keeps GS inside a GS1 label', () => {
    const [outcome] = framer().push(bytes(']d20104600682000181215Kx8!q\u001d91EE06\r'), 1);
    expect(outcome?.ok && outcome.value).toMatchObject({
      data: '0104600682000181215Kx8!q\u001d91EE06',
      symbology: 'gs1-datamatrix',
    });
  });

  it('guesses the symbology when the scanner sends no AIM id', () => {
    expect(framer().push(bytes('4600682000181\r'), 1)).toMatchObject([
      { ok: true, value: { aim: null, symbology: 'ean13' } },
    ]);
  });

  it('abandons a label whose line end never comes, once the line is quiet', () => {
    const target = framer({ interByteTimeoutMs: 100 });
    target.push(bytes('46006820'), 1_000);
    expect(target.deadline()).toBe(1_100);
    expect(target.tick(1_050)).toEqual([]);
    expect(target.tick(1_101)).toEqual([{ ok: false, error: { kind: 'incomplete', bytes: 8 } }]);
    expect(target.deadline()).toBeNull();
    expect(data(target.push(bytes('96385074\r'), 1_200))).toEqual(['96385074']);
  });

  it('abandons the stale part when the next bytes come after a silence', () => {
    const target = framer({ interByteTimeoutMs: 100 });
    target.push(bytes('4600'), 1_000);
    expect(data(target.push(bytes('96385074\r'), 1_500))).toEqual([
      { kind: 'incomplete', bytes: 4 },
      '96385074',
    ]);
  });

  it('refuses a frame past the maximum and resumes at the next line end', () => {
    const target = framer({ maxFrameBytes: 16 });
    expect(data(target.push(bytes(`${'9'.repeat(40)}\r96385074\r`), 1))).toEqual([
      { kind: 'oversize', max: 16 },
      '96385074',
    ]);
    expect(target.rejected.oversize).toBe(1);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(framer().push(Uint8Array.of(0x41, 0xc3, 0x0d), 1)).toEqual([
      { ok: false, error: { kind: 'encoding' } },
    ]);
  });

  it('keeps a label that is nothing but an AIM-like text as data', () => {
    expect(data(framer().push(bytes(']C0\r'), 1))).toEqual([']C0']);
  });
});

describe('SerialFramer with configured delimiters', () => {
  it('frames STX … ETX and counts the noise before a prefix', () => {
    const target = framer({ prefix: 'STX', suffix: 'ETX' });
    expect(data(target.push(Uint8Array.of(0x00, 0xff, 0x02, ...bytes('96385074'), 0x03), 1))).toEqual([
      { kind: 'noise', bytes: 2 },
      '96385074',
    ]);
    expect(target.rejected).toMatchObject({ noise: 1 });
  });

  it('frames a custom two-byte suffix and data that contains its first byte', () => {
    const target = framer({ suffix: [0x23, 0x23] });
    expect(data(target.push(bytes('AB#CD##EF##'), 1))).toEqual(['AB#CD', 'EF']);
  });

  it('ends a CRLF label only at the pair', () => {
    const target = framer({ suffix: 'CRLF' });
    expect(data(target.push(bytes('12\r34\r\n'), 1))).toEqual(['12\r34']);
  });

  it('with no suffix, ends a label when the line goes quiet', () => {
    const target = framer({ suffix: 'none', interByteTimeoutMs: 50 });
    expect(target.push(bytes('4600682000181'), 1_000)).toEqual([]);
    expect(target.tick(1_049)).toEqual([]);
    expect(data(target.tick(1_051))).toEqual(['4600682000181']);
  });

  it('with no suffix, a new burst after a silence first completes the previous label', () => {
    const target = framer({ suffix: 'none', interByteTimeoutMs: 50 });
    target.push(bytes('96385074'), 1_000);
    expect(data(target.push(bytes('4600'), 1_200))).toEqual(['96385074']);
  });

  it('leaves AIM-looking data alone when AIM ids are off', () => {
    expect(data(framer({ aimIds: false }).push(bytes(']E04600682000181\r'), 1))).toEqual([
      ']E04600682000181',
    ]);
  });
});
