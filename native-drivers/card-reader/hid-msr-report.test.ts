import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knownProducts } from '../transports/known-devices';
import { fixtureReport, hidMsrFixtures } from './hid-msr-fixtures';
import { hidMsrLayoutFor, hidPosMsrLayout, magtekLayout } from './hid-msr-layouts';
import { encodeHidMsrReport, readHidMsrReport } from './hid-msr-report';
import type { HidMsrErrorKind, HidMsrOutcome, HidMsrTrack } from './hid-msr-report';
import type { CardRead } from './swipe';
import { demoRanges, giftNumber, loyaltyNumber, paymentPans, withLuhnDigit } from './test-cards';
import type { TrackNumber } from './tracks';

const read = (report: Uint8Array, layout = magtekLayout) => readHidMsrReport(report, layout, demoRanges);
const swipe = (tracks: Partial<Record<TrackNumber, HidMsrTrack>>, layout = magtekLayout) =>
  read(encodeHidMsrReport(tracks, layout), layout);
const cardRead = (outcome: HidMsrOutcome): CardRead => {
  if (!outcome.ok) throw new Error(`report rejected: ${outcome.error.kind}`);
  return outcome.value;
};

function fixture(name: string) {
  const found = hidMsrFixtures.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
}

/** No five consecutive digits of the PAN anywhere: the masked form keeps only the last four. */
function expectNoPan(value: unknown, pan: string): void {
  const text = JSON.stringify(value);
  for (let i = 0; i + 5 <= pan.length; i++) expect(text).not.toContain(pan.slice(i, i + 5));
}

describe('reading recorded HID card reader reports', () => {
  it.each(hidMsrFixtures.map((recorded) => [recorded.name, recorded] as const))(
    'reads the %s report',
    (_name, recorded) => {
      const report = fixtureReport(recorded);
      expect(report).toHaveLength(recorded.layout.reportBytes);
      expect(read(report, recorded.layout)).toEqual({ ok: true, value: recorded.expected });
    },
  );

  it('lays the fixtures out at the offsets of the MagTek manual', () => {
    const report = fixtureReport(fixture('loyalty-tracks-1-2'));
    // Lengths 0x25 and 0x17 in bytes 3–4; track 1 from byte 7 with '%', track 2 from byte 117 with ';'.
    expect([report[3], report[4], report[5]]).toEqual([37, 23, 0]);
    expect(String.fromCharCode(...report.subarray(7, 7 + 37))).toBe(
      `%B${loyaltyNumber}^IVANOVA/ANNA^3012101?`,
    );
    expect(String.fromCharCode(...report.subarray(117, 117 + 23))).toBe(`;${loyaltyNumber}=3012101?`);
  });

  it('leaves the caller’s report as it was', () => {
    const report = fixtureReport(fixture('payment-card'));
    const copy = Uint8Array.from(report);
    read(report);
    expect(report).toEqual(copy);
  });
});

describe('what a HID swipe means', () => {
  it('reads loyalty and gift numbers by the configured ranges, track 2 first', () => {
    expect(swipe({ 2: `;${giftNumber}=3012?` })).toEqual({
      ok: true,
      value: { kind: 'gift', number: giftNumber },
    });
    expect(swipe({ 1: `%B${loyaltyNumber}^CUSTOMER/TEST^3012?`, 3: `;${loyaltyNumber}=?` })).toEqual({
      ok: true,
      value: { kind: 'loyalty', number: loyaltyNumber },
    });
  });

  it('accepts track data with or without its sentinels on the HID POS page', () => {
    for (const data of [`;${loyaltyNumber}?`, `${loyaltyNumber}`, `${loyaltyNumber}=3012`]) {
      expect(cardRead(swipe({ 2: data }, hidPosMsrLayout))).toEqual({
        kind: 'loyalty',
        number: loyaltyNumber,
      });
    }
  });

  it('says unreadable when every track failed to decode, and empty for a blank card', () => {
    const failed = { unreadable: true } as const;
    expect(cardRead(swipe({ 1: failed, 2: failed, 3: failed }))).toMatchObject({
      kind: 'misread',
      error: { code: 'unreadable', track: 1 },
    });
    expect(cardRead(read(new Uint8Array(magtekLayout.reportBytes)))).toMatchObject({
      kind: 'misread',
      error: { code: 'empty' },
    });
  });

  it('names the track whose data breaks the ISO rules', () => {
    expect(cardRead(swipe({ 2: ';12A4?' }))).toMatchObject({
      kind: 'misread',
      error: { code: 'format', track: 2 },
    });
  });
});

describe('payment cards through a HID reader', () => {
  it.each(Object.entries(paymentPans))('refuses a %s card with only its last four digits', (_scheme, pan) => {
    const outcome = swipe({ 1: `%B${pan}^PETROVA/ANNA^3012101?`, 2: `;${pan}=3012101?` });
    expect(outcome).toEqual({ ok: true, value: { kind: 'payment-card', masked: `•••• ${pan.slice(-4)}` } });
    expectNoPan(outcome, pan);
  });

  it('refuses a payment card when one of its tracks failed to decode', () => {
    const pan = paymentPans.mir;
    expect(cardRead(swipe({ 1: { unreadable: true }, 2: `;${pan}=3012101?` })).kind).toBe('payment-card');
    expect(cardRead(swipe({ 1: `%B${pan}^PETROVA/ANNA^3012101?`, 2: { unreadable: true } })).kind).toBe(
      'payment-card',
    );
  });
});

describe('malformed HID card reader reports', () => {
  const error = (outcome: HidMsrOutcome) => (outcome.ok ? null : outcome.error);

  it('rejects reports of another size than the layout’s, e.g. ID TECH’s own 509-byte format', () => {
    expect(error(read(new Uint8Array(336)))).toEqual({ kind: 'short', bytes: 336 });
    expect(error(read(new Uint8Array(0)))).toEqual({ kind: 'short', bytes: 0 });
    expect(error(read(new Uint8Array(509)))).toEqual({ kind: 'oversize', bytes: 509 });
    expect(error(read(new Uint8Array(338)))).toEqual({ kind: 'oversize', bytes: 338 });
  });

  it('rejects a declared length longer than its track field', () => {
    const report = encodeHidMsrReport({ 2: `;${loyaltyNumber}?` }, magtekLayout);
    report[4] = 111;
    expect(error(read(report))).toEqual({ kind: 'length', track: 2, declared: 111, capacity: 110 });
    const pos = new Uint8Array(hidPosMsrLayout.reportBytes);
    pos[0] = 80;
    expect(error(read(pos, hidPosMsrLayout))).toEqual({
      kind: 'length',
      track: 1,
      declared: 80,
      capacity: 79,
    });
  });

  it('rejects a track flagged as failed that still declares data, rather than trust either', () => {
    const report = encodeHidMsrReport({ 2: `;${paymentPans.visa}=3012?` }, magtekLayout);
    report[1] = 0x01;
    expect(error(read(report))).toEqual({ kind: 'status', track: 2 });
  });

  it('cannot encode what the layout cannot carry', () => {
    expect(() => encodeHidMsrReport({ 1: 'x'.repeat(111) }, magtekLayout)).toThrow(RangeError);
    expect(() => encodeHidMsrReport({ 1: { unreadable: true } }, hidPosMsrLayout)).toThrow(RangeError);
  });
});

describe('which HID interfaces are card readers, and read how', () => {
  it('reads the HID POS page (0x8E) of any vendor with the usage-table layout', () => {
    expect(hidMsrLayoutFor({ vendorId: 0x1234, productId: 1, usagePage: 0x8e })).toBe(hidPosMsrLayout);
  });

  it('reads the vendor page of MagTek and ID TECH HID readers with the MagTek layout, not their keyboards', () => {
    expect(hidMsrLayoutFor({ vendorId: 0x0801, productId: 0x0002, usagePage: 0xff00 })).toBe(magtekLayout);
    expect(hidMsrLayoutFor({ vendorId: 0x0acd, productId: 0x2010, usagePage: 0xff00 })).toBe(magtekLayout);
    expect(hidMsrLayoutFor({ vendorId: 0x0801, productId: 0x0002, usagePage: 0x01 })).toBeNull();
    // Keyboard-mode readers and unknown vendor-page devices are not read as HID card readers.
    expect(hidMsrLayoutFor({ vendorId: 0x0801, productId: 0x0001, usagePage: 0xff00 })).toBeNull();
    expect(hidMsrLayoutFor({ vendorId: 0x0acd, productId: 0x2030 })).toBeNull();
  });

  it('has a layout for every HID card reader the known-devices table lists, and no other', () => {
    const listed = knownProducts.filter((p) => p.role === 'card-reader' && p.mode === 'hid-vendor');
    expect(listed.length).toBeGreaterThan(0);
    for (const product of listed) expect(hidMsrLayoutFor(product)).not.toBeNull();
    for (const product of knownProducts.filter((p) => !listed.includes(p))) {
      expect(hidMsrLayoutFor(product)).toBeNull();
    }
  });
});

describe('fuzzing the HID card reader report parser', () => {
  const kinds: readonly HidMsrErrorKind[] = ['short', 'oversize', 'length', 'status'];
  const readKinds = ['loyalty', 'gift', 'payment-card', 'unknown-card', 'misread'];
  const wellFormed = (outcome: HidMsrOutcome) =>
    outcome.ok ? readKinds.includes(outcome.value.kind) : kinds.includes(outcome.error.kind);
  const layouts = fc.constantFrom(magtekLayout, hidPosMsrLayout);

  it('answers any bytes of any length with a typed result and never throws', () => {
    fc.assert(
      fc.property(layouts, fc.uint8Array({ maxLength: 600 }), (layout, bytes) =>
        wellFormed(read(bytes, layout)),
      ),
      { numRuns: 1000 },
    );
  });

  it('answers any report of the right size with a typed result and never throws', () => {
    fc.assert(
      fc.property(
        layouts.chain((layout) =>
          fc.tuple(
            fc.constant(layout),
            fc.uint8Array({ minLength: layout.reportBytes, maxLength: layout.reportBytes }),
          ),
        ),
        ([layout, bytes]) => wellFormed(read(bytes, layout)),
      ),
      { numRuns: 1000 },
    );
  });

  it('answers reports with small lengths and sentinel-rich data, the bytes most likely to reach the track rules', () => {
    const trackish = fc.string({ unit: fc.constantFrom(...'%;+?^=E0123456789B/ '.split('')), maxLength: 60 });
    fc.assert(
      fc.property(fc.tuple(trackish, trackish, trackish), fc.boolean(), ([one, two, three], pos) => {
        const layout = pos ? hidPosMsrLayout : magtekLayout;
        return wellFormed(read(encodeHidMsrReport({ 1: one, 2: two, 3: three }, layout), layout));
      }),
      { numRuns: 1000 },
    );
  });

  it('never yields more than the last four digits of a payment card, however the report is damaged', () => {
    const schemePrefix = fc.constantFrom('4', '51', '55', '2221', '2200', '2204', '62', '3528');
    const pan = fc
      .tuple(schemePrefix, fc.stringMatching(/^\d{14}$/))
      .map(([prefix, digits]) => withLuhnDigit(`${prefix}${digits}`.slice(0, 15)));
    const damage = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 0xff })), { maxLength: 4 });
    fc.assert(
      fc.property(pan, damage, (number, edits) => {
        const report = encodeHidMsrReport(
          { 1: `%B${number}^CARDHOLDER/TEST^3012101?`, 2: `;${number}=3012101?`, 3: `;${number}=?` },
          magtekLayout,
        );
        for (const [at, byte] of edits) report[at % report.length] = byte;
        const outcome = read(report);
        expect(wellFormed(outcome)).toBe(true);
        expectNoPan(outcome, number);
      }),
      { numRuns: 1000 },
    );
  });
});
