// Input reports of magnetic stripe readers in HID mode, as hex dumps of 16-byte rows; the rows after
// the last non-zero byte are left out and are zeros. Laid out byte for byte per hid-msr-layouts.ts —
// MagTek (337 bytes): decode status ×3, length ×3, card encode type, then 110-byte fields for tracks
// 1, 2 and 3 at offsets 7, 117 and 227; HID POS 0x8E (229 bytes): length ×3, then the track fields.
// They are built from the manuals' tables, not captured from a device. The numbers are test numbers:
// the demo store's loyalty (27…) and gift (26…) ranges, and Visa's published test PAN. Exported so
// the simulated HID card reader replays the same bytes.
import type { HidMsrLayout } from './hid-msr-layouts';
import { hidPosMsrLayout, magtekLayout } from './hid-msr-layouts';
import type { CardRead } from './swipe';

export interface HidMsrFixture {
  name: string;
  layout: HidMsrLayout;
  rows: readonly string[];
  expected: CardRead;
}

const LOYALTY = '2700123456781';
const GIFT = '2600000000420';

/** Rows of zeros: the empty stretches between the track fields. */
const ZERO_ROWS = [
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
];

export const hidMsrFixtures: readonly HidMsrFixture[] = [
  {
    // A loyalty card with tracks 1 and 2 (ISO format B on track 1), read well: encode type 0 (ISO/ABA).
    name: 'loyalty-tracks-1-2',
    layout: magtekLayout,
    rows: [
      '00 00 00 25 17 00 00 25 42 32 37 30 30 31 32 33',
      '34 35 36 37 38 31 5e 49 56 41 4e 4f 56 41 2f 41',
      '4e 4e 41 5e 33 30 31 32 31 30 31 3f 00 00 00 00',
      ...ZERO_ROWS.slice(0, 4),
      '00 00 00 00 00 3b 32 37 30 30 31 32 33 34 35 36',
      '37 38 31 3d 33 30 31 32 31 30 31 3f 00 00 00 00',
    ],
    expected: { kind: 'loyalty', number: LOYALTY },
  },
  {
    // Track 2 alone, the number without a separator, as most loyalty cards carry it: encode type 4
    // ("other": not the ISO bank card layout).
    name: 'loyalty-track-2-only',
    layout: magtekLayout,
    rows: [
      '00 00 00 00 0f 00 04 00 00 00 00 00 00 00 00 00',
      ...ZERO_ROWS,
      '00 00 00 00 00 3b 32 37 30 30 31 32 33 34 35 36',
      '37 38 31 3f 00 00 00 00 00 00 00 00 00 00 00 00',
    ],
    expected: { kind: 'loyalty', number: LOYALTY },
  },
  {
    // Track 1 held data the reader could not decode (status bit 0, length 0); track 2 was read.
    name: 'decode-error-track-1',
    layout: magtekLayout,
    rows: [
      '01 00 00 00 17 00 00 00 00 00 00 00 00 00 00 00',
      ...ZERO_ROWS,
      '00 00 00 00 00 3b 32 37 30 30 31 32 33 34 35 36',
      '37 38 31 3d 33 30 31 32 31 30 31 3f 00 00 00 00',
    ],
    expected: { kind: 'loyalty', number: LOYALTY },
  },
  {
    // A bank card (Visa's test PAN) with tracks 1 and 2: refused, only the last four digits kept.
    name: 'payment-card',
    layout: magtekLayout,
    rows: [
      '00 00 00 37 27 00 00 25 42 34 31 31 31 31 31 31',
      '31 31 31 31 31 31 31 31 31 5e 43 41 52 44 48 4f',
      '4c 44 45 52 2f 54 45 53 54 5e 33 30 31 32 31 30',
      '31 30 30 30 30 30 30 30 30 30 30 30 30 3f 00 00',
      ...ZERO_ROWS.slice(0, 3),
      '00 00 00 00 00 3b 34 31 31 31 31 31 31 31 31 31',
      '31 31 31 31 31 31 3d 33 30 31 32 31 30 31 30 30',
      '30 30 30 30 30 30 30 30 30 30 30 3f 00 00 00 00',
    ],
    expected: { kind: 'payment-card', masked: '•••• 1111' },
  },
  {
    // A gift card from a reader on the HID POS page (0x8E) sending track 2 without its sentinels.
    name: 'hid-pos-gift-track-2',
    layout: hidPosMsrLayout,
    rows: [
      '00 12 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
      ...ZERO_ROWS.slice(0, 4),
      '00 00 32 36 30 30 30 30 30 30 30 30 34 32 30 3d',
      '33 30 31 32 00 00 00 00 00 00 00 00 00 00 00 00',
    ],
    expected: { kind: 'gift', number: GIFT },
  },
];

/** The report a fixture's rows stand for: the rows' bytes, then zeros up to the layout's size. */
export function fixtureReport(fixture: HidMsrFixture): Uint8Array {
  const report = new Uint8Array(fixture.layout.reportBytes);
  const bytes = fixture.rows
    .join(' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => parseInt(pair, 16));
  report.set(bytes);
  return report;
}
