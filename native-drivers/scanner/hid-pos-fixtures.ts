// HID POS input reports as scanners send them: 64 bytes with report id 0x02, written as hex dumps of
// four rows of 16 bytes. Laid out per hid-pos-layouts.ts — Honeywell: length, AIM id in bytes 2–4,
// 56 data bytes, its own Code ID in byte 61 ('d' EAN-13, 'c' UPC-A, 'I' GS1-128, 'w' DataMatrix),
// the continuation flag in byte 63; generic: length, 58 data bytes, AIM id in 60–62, flag in 63.
// Exported so the simulated HID scanner can replay the same bytes.
import type { Symbology } from './types';

const GS = '\u001d';
// A 44-character base64 tail like the 92 element of a medicine's marking code.
const CRYPTO_TAIL = 'b21uaXRpbGwtdGVzdC1jcnlwdG8tdGFpbC0zMmJ5dGVz';

export interface HidReportFixture {
  name: string;
  layout: 'generic' | 'honeywell';
  /** One hex dump per report, in the order the scanner sent them. */
  reports: readonly (readonly string[])[];
  expected: { data: string; aim: string | null; symbology: Symbology };
}

export const hidReportFixtures: readonly HidReportFixture[] = [
  {
    // An EAN-13 (Russian milk, GS1 Russia prefix 460) from a Honeywell in HID POS mode.
    name: 'ean13',
    layout: 'honeywell',
    reports: [
      [
        '02 0d 5d 45 30 34 36 30 30 36 38 32 30 30 30 31',
        '38 31 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 64 00 00',
      ],
    ],
    expected: { data: '4600682000181', aim: ']E0', symbology: 'ean13' },
  },
  {
    // An EAN-8 from a scanner with the generic layout: AIM id and flag at the end.
    name: 'ean8',
    layout: 'generic',
    reports: [
      [
        '02 08 39 36 33 38 35 30 37 34 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 5d 45 34 00',
      ],
    ],
    expected: { data: '96385074', aim: ']E4', symbology: 'ean8' },
  },
  {
    // A UPC-A sent unexpanded (12 digits) with the CR suffix the scanner was programmed with.
    name: 'upca',
    layout: 'honeywell',
    reports: [
      [
        '02 0d 5d 45 30 30 33 36 30 30 30 32 39 31 34 35',
        '32 0d 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 63 00 00',
      ],
    ],
    expected: { data: '036000291452', aim: ']E0', symbology: 'upca' },
  },
  {
    // A Code 128 shelf label with an internal SKU.
    name: 'code128',
    layout: 'generic',
    reports: [
      [
        '02 09 53 4b 55 2d 30 30 30 34 32 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 5d 43 30 00',
      ],
    ],
    expected: { data: 'SKU-00042', aim: ']C0', symbology: 'code128' },
  },
  {
    // GS1-128: GTIN, net weight 1.250 kg, expiry 31 Dec 2025, then batch and serial split by GS.
    name: 'gs1-128',
    layout: 'honeywell',
    reports: [
      [
        '02 33 5d 43 31 30 31 30 34 36 30 30 36 38 32 30',
        '30 30 31 38 31 33 31 30 33 30 30 31 32 35 30 31',
        '37 32 35 31 32 33 31 31 30 4c 4f 54 2d 34 32 1d',
        '32 31 53 4e 30 30 30 31 00 00 00 00 00 49 00 00',
      ],
    ],
    expected: {
      data: `0104600682000181310300125017251231` + `10LOT-42${GS}21SN0001`,
      aim: ']C1',
      symbology: 'gs1-128',
    },
  },
  {
    // A Честный ЗНАК marking code in GS1 DataMatrix: 01 GTIN, 21 serial, 91 key id, 92 crypto tail —
    // 85 bytes, so two reports joined by the Decode Data Continued flag.
    name: 'chestny-znak',
    layout: 'honeywell',
    reports: [
      [
        '02 38 5d 64 32 30 31 30 34 36 30 30 36 38 32 30',
        '30 30 31 38 31 32 31 35 4b 78 38 21 71 27 4c 66',
        '52 32 25 64 1d 39 31 45 45 30 36 1d 39 32 62 32',
        '31 75 61 58 52 70 62 47 77 74 64 47 56 77 00 01',
      ],
      [
        '02 1d 5d 64 32 7a 64 43 31 6a 63 6e 6c 77 64 47',
        '38 74 64 47 46 70 62 43 30 7a 4d 6d 4a 35 64 47',
        '56 7a 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 77 00 00',
      ],
    ],
    expected: {
      data: `0104600682000181215Kx8!q'LfR2%d${GS}91EE06${GS}92${CRYPTO_TAIL}`,
      aim: ']d2',
      symbology: 'gs1-datamatrix',
    },
  },
  {
    // A QR Code with UTF-8 Cyrillic over three reports; the second ends in the middle of a
    // two-byte letter (d1 | 83), so reports must be joined before decoding.
    name: 'qr-cyrillic',
    layout: 'generic',
    reports: [
      [
        '02 3a d0 9a d1 83 d0 bf d0 be d0 bd 3a 20 d1 81',
        'd0 ba d0 b8 d0 b4 d0 ba d0 b0 20 31 35 20 25 20',
        'd0 bd d0 b0 20 d0 bc d0 be d0 bb d0 be d0 ba d0',
        'be 20 c2 ab d0 9f d1 80 d0 be d1 81 5d 51 31 01',
      ],
      [
        '02 3a d1 82 d0 be d0 ba d0 b2 d0 b0 d1 88 d0 b8',
        'd0 bd d0 be c2 bb 20 d0 b4 d0 be 20 33 31 2e 31',
        '32 2c 20 d0 bc d0 b0 d0 b3 d0 b0 d0 b7 d0 b8 d0',
        'bd 20 d0 bd d0 b0 20 d0 91 d0 b0 d1 5d 51 31 01',
      ],
      [
        '02 09 83 d0 bc d0 b0 d0 bd d0 b0 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 5d 51 31 00',
      ],
    ],
    expected: {
      data: 'Купон: скидка 15 % на молоко «Простоквашино» до 31.12, магазин на Баумана',
      aim: ']Q1',
      symbology: 'qr',
    },
  },
  {
    // GS1 DataBar Expanded on a weighed item: GTIN and net weight.
    name: 'gs1-databar',
    layout: 'generic',
    reports: [
      [
        '02 1a 30 31 30 34 36 30 30 36 38 32 30 30 30 31',
        '38 31 33 31 30 33 30 30 31 32 35 30 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 5d 65 30 00',
      ],
    ],
    expected: { data: '01046006820001813103001250', aim: ']e0', symbology: 'gs1-databar' },
  },
  {
    // A scanner that leaves the symbology bytes zero: the symbology is guessed from the data.
    name: 'no-aim',
    layout: 'generic',
    reports: [
      [
        '02 0d 34 36 30 37 30 30 31 37 37 30 30 31 35 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
      ],
    ],
    expected: { data: '4607001770015', aim: null, symbology: 'ean13' },
  },
];

export const hexBytes = (rows: readonly string[]): Uint8Array =>
  Uint8Array.from(
    rows
      .join(' ')
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => parseInt(pair, 16)),
  );
