// Property-based fuzzing of everything that reads bytes or text from a device: whatever arrives, no
// exception escapes, bad input gives a typed error, and well-formed input reads back as it was written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SerialScannerFraming, defaultTillConfig } from '../../contract/config';
import { knownAis } from './gs1-ai';
import type { AiSpec } from './gs1-ai';
import { GS, encodeGs1, parseGs1 } from './gs1';
import type { Gs1ErrorKind } from './gs1';
import { gtinCheckDigit } from './gtin';
import { HidPosAssembler } from './hid-pos-assembler';
import type { HidPosErrorKind } from './hid-pos-assembler';
import { genericLayout, honeywellLayout } from './hid-pos-layouts';
import { encodeHidPosLabel, encodeHidPosReport, parseHidPosReport } from './hid-pos-report';
import { interpretScan } from './interpret';
import { luhnValid } from './payment-card';
import { SerialFramer } from './serial-framer';
import type { SerialFrameErrorKind } from './serial-framer';

const RUNS = 500;
const layouts = fc.constantFrom(genericLayout, honeywellLayout);
const idPresence = fc.constantFrom('auto' as const, 'included' as const, 'stripped' as const);
const aims = fc.constantFrom(null, ']E0', ']E4', ']C0', ']C1', ']d2', ']Q1', ']Q3', ']e0', ']A0');
const anyBytes = (maxLength: number) => fc.uint8Array({ maxLength });
/** Text a scanner can carry: ASCII with GS, Cyrillic, CJK and astral-plane characters (4-byte UTF-8). */
const utf8Text = (options: { minLength?: number; maxLength: number }) =>
  fc.string({
    ...options,
    unit: fc
      .oneof(
        fc.integer({ min: 0x20, max: 0x7e }),
        fc.constant(0x1d),
        fc.integer({ min: 0x400, max: 0x4ff }),
        fc.integer({ min: 0x4e00, max: 0x9fff }),
        fc.integer({ min: 0x1f300, max: 0x1f5ff }),
      )
      .map((point) => String.fromCodePoint(point)),
  });

/**
 * Any UTF-16 text, lone surrogates included, biased to ASCII where parsers branch. (fast-check's
 * 'binary' unit would do, but builds its Unicode tables in half a second, a third of the budget.)
 */
const anyText = (maxLength: number) =>
  fc.string({
    maxLength,
    unit: fc
      .oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0, max: 0xffff }))
      .map((code) => String.fromCharCode(code)),
  });

const HID_ERRORS: readonly HidPosErrorKind[] = [
  'short',
  'oversize',
  'report-id',
  'length',
  'aim',
  'empty',
  'too-long',
  'encoding',
  'interrupted',
];
const GS1_ERRORS: readonly Gs1ErrorKind[] = [
  'empty',
  'unknown-ai',
  'duplicate-ai',
  'truncated',
  'too-long',
  'charset',
  'check-digit',
  'date',
];
const SERIAL_ERRORS: readonly SerialFrameErrorKind[] = ['oversize', 'incomplete', 'noise', 'encoding'];

describe('HID POS report parser', () => {
  it('answers any bytes with fields or a typed error', () => {
    fc.assert(
      fc.property(anyBytes(80), layouts, idPresence, (bytes, layout, presence) => {
        const parsed = parseHidPosReport(bytes, layout, presence);
        if (parsed.ok) expect(parsed.value.data.length).toBeLessThanOrEqual(layout.dataCapacity);
        else expect(HID_ERRORS).toContain(parsed.error.kind);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads back every report it encodes, with or without the report id', () => {
    fc.assert(
      fc.property(
        layouts,
        aims,
        fc.boolean(),
        fc.constantFrom('included' as const, 'stripped' as const),
        (layout, aim, more, presence) =>
          fc.assert(
            fc.property(anyBytes(layout.dataCapacity), (data) => {
              const report = encodeHidPosReport({ data, aim, more }, layout, presence);
              expect(parseHidPosReport(report, layout)).toEqual({ ok: true, value: { data, aim, more } });
            }),
            { numRuns: 5 },
          ),
      ),
      { numRuns: 60 },
    );
  });
});

describe('HID POS assembler', () => {
  it('survives any sequence of reports, counting every error it returns', () => {
    const validReport = fc
      .tuple(layouts, anyBytes(56), aims, fc.boolean())
      .map(([layout, data, aim, more]) => encodeHidPosReport({ data, aim, more }, layout));
    const report = fc.oneof(anyBytes(70), fc.uint8Array({ minLength: 63, maxLength: 64 }), validReport);
    fc.assert(
      fc.property(layouts, fc.array(fc.tuple(report, fc.nat(400)), { maxLength: 12 }), (layout, steps) => {
        const assembler = new HidPosAssembler({ layout, deviceId: null, maxLabelBytes: 200 });
        let at = 0;
        let errors = 0;
        for (const [bytes, gap] of steps) {
          at += gap;
          for (const outcome of assembler.push(bytes, at)) {
            if (outcome.ok) expect(outcome.value.data.length).toBeGreaterThan(0);
            else {
              errors++;
              expect(HID_ERRORS).toContain(outcome.error.kind);
            }
          }
        }
        expect(Object.values(assembler.rejected).reduce((sum, n) => sum + n, 0)).toBe(errors);
      }),
      { numRuns: RUNS },
    );
  });

  it('reassembles any UTF-8 label split over continuation reports', () => {
    const label = utf8Text({ minLength: 1, maxLength: 200 }).filter((text) => !/[\r\n]$/.test(text));
    fc.assert(
      fc.property(layouts, label, fc.constantFrom(']C0', ']Q1', ']d2'), (layout, text, aim) => {
        const assembler = new HidPosAssembler({ layout, deviceId: 'hid:test' });
        const reports = encodeHidPosLabel(new TextEncoder().encode(text), aim, layout);
        const outcomes = reports.flatMap((report, i) => assembler.push(report, 1_000 + i));
        expect(outcomes).toEqual([
          expect.objectContaining({ ok: true, value: expect.objectContaining({ data: text, aim }) }),
        ]);
      }),
      { numRuns: RUNS },
    );
  });
});

// A valid value for an AI, honouring its length, character set, check digit and date rules.
function valueFor(spec: AiSpec): fc.Arbitrary<string> {
  const digits = (min: number, max: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
  const printable = (min: number, max: number) =>
    fc.string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
      minLength: min,
      maxLength: max,
    });
  const date = fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 28 }))
    .map(([yy, mm, dd]) => [yy, mm, dd].map((n) => String(n).padStart(2, '0')).join(''));
  switch (spec.check) {
    case 'check-digit':
      return digits(spec.max - 1, spec.max - 1).map((body) => `${body}${gtinCheckDigit(body)}`);
    case 'date':
      return date;
    case 'date-time':
      return fc
        .tuple(date, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([day, h, m]) => `${day}${String(h).padStart(2, '0')}${String(m).padStart(2, '0')}`);
    case null:
      if (spec.chars === 'N') return digits(spec.min, spec.max);
      return fc
        .tuple(
          digits(spec.numericPrefix, spec.numericPrefix),
          printable(Math.max(1, spec.min - spec.numericPrefix), spec.max - spec.numericPrefix),
        )
        .map(([head, tail]) => `${head}${tail}`);
  }
}

describe('GS1 element string parser', () => {
  it('answers any text with elements or a typed error', () => {
    const gs1ish = fc.string({
      unit: fc.constantFrom(...'0123456789', GS, 'A', ']', 'd', '~', '%'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.oneof(anyText(60), gs1ish), fc.boolean(), (text, tilde) => {
        const parsed = parseGs1(text, { separators: tilde ? ['~'] : [] });
        if (parsed.ok) expect(parsed.value.raw).toBe(text);
        else expect(GS1_ERRORS).toContain(parsed.error.kind);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads back any element string it encodes, keeping it byte-exact', () => {
    const specs = knownAis();
    const element = fc
      .constantFrom(...specs)
      .chain((spec) => valueFor(spec).map((value) => ({ ai: spec.ai, value, predefined: spec.predefined })));
    const elements = fc.uniqueArray(element, { minLength: 1, maxLength: 6, selector: (e) => e.ai });
    fc.assert(
      fc.property(elements, fc.constantFrom('', ']C1', ']d2', GS), (list, lead) => {
        const encoded = `${lead}${encodeGs1(list)}`;
        const parsed = parseGs1(encoded);
        expect(parsed.ok && parsed.value.raw).toBe(encoded);
        expect(parsed.ok && parsed.value.elements.map(({ ai, value }) => ({ ai, value }))).toEqual(
          list.map(({ ai, value }) => ({ ai, value })),
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe('serial framer', () => {
  const framing = fc.record({
    prefix: fc.constantFrom('none' as const, 'STX' as const, [0x41, 0x42]),
    suffix: fc.constantFrom(
      'EOL' as const,
      'CR' as const,
      'CRLF' as const,
      'ETX' as const,
      'none' as const,
      [0x23, 0x23],
    ),
    maxFrameBytes: fc.integer({ min: 16, max: 64 }),
    interByteTimeoutMs: fc.integer({ min: 5, max: 200 }),
    aimIds: fc.boolean(),
  });

  it('answers any byte stream with scan events or typed errors', () => {
    fc.assert(
      fc.property(
        framing,
        fc.array(fc.tuple(anyBytes(40), fc.nat(300)), { maxLength: 10 }),
        (settings, chunks) => {
          const framer = new SerialFramer(SerialScannerFraming.parse(settings), null);
          let at = 0;
          const outcomes = chunks.flatMap(([bytes, gap]) => framer.push(bytes, (at += gap)));
          outcomes.push(...framer.tick(at + 10_000));
          for (const outcome of outcomes) {
            if (outcome.ok) expect(outcome.value.source).toBe('serial');
            else expect(SERIAL_ERRORS).toContain(outcome.error.kind);
          }
          expect(framer.deadline()).toBeNull();
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('cuts CRLF-terminated labels back out of a stream however it is chunked', () => {
    const label = utf8Text({ minLength: 1, maxLength: 30 }).filter((text) => !/[\r\n]/.test(text));
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(20), { maxLength: 6 }),
        (labels, cuts) => {
          const framer = new SerialFramer(
            SerialScannerFraming.parse({ aimIds: false, maxFrameBytes: 4096 }),
            null,
          );
          const stream = new TextEncoder().encode(labels.map((text) => `${text}\r\n`).join(''));
          const outcomes = [];
          let from = 0;
          for (const cut of [...cuts, stream.length]) {
            const to = Math.min(stream.length, from + cut);
            outcomes.push(...framer.push(stream.slice(from, to), 1_000));
            from = to;
          }
          outcomes.push(...framer.push(stream.slice(from), 1_000));
          expect(outcomes.map((outcome) => outcome.ok && outcome.value.data)).toEqual(labels);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('scan interpretation', () => {
  const rules = {
    embeddedBarcodes: defaultTillConfig.embeddedBarcodes,
    scanner: { ...defaultTillConfig.scanner, gs1Separator: '~' },
    receiptPatterns: { sale: '^\\d{4}-\\d{2}-\\d{6,}$', return: '^\\d{4}-\\d{2}-R\\d{6,}$' },
  };
  const symbology = fc.constantFrom(
    'unknown' as const,
    'ean13' as const,
    'qr' as const,
    'gs1-datamatrix' as const,
    'upce' as const,
  );

  it('never throws, whatever was scanned', () => {
    fc.assert(
      fc.property(anyText(80), symbology, (data, sym) => {
        interpretScan({ data, symbology: sym, aim: null, at: 0 }, rules);
      }),
      { numRuns: RUNS },
    );
  });

  it('never returns a payment card number it was given', () => {
    const pan = fc
      .tuple(
        fc.constantFrom('2200', '2204', '4', '51', '55', '2221', '62'),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 14, maxLength: 14 }),
      )
      .map(([iin, rest]) => {
        const body = `${iin}${rest}`.slice(0, 15);
        for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
        return body;
      });
    fc.assert(
      // Bare, as track 2 and as track 1, the way a keyboard-mode card reader types them.
      fc.property(
        pan,
        fc.constantFrom(['', ''], [';', '=2512101?'], ['%B', '^PETROVA/ANNA^2512101?']),
        (number, [start, end]) => {
          const result = interpretScan(
            { data: `${start}${number}${end}`, symbology: 'unknown', aim: null, at: 0 },
            rules,
          );
          expect(result).toMatchObject({ ok: true, value: { kind: 'payment-card' } });
          expect(JSON.stringify(result)).not.toContain(number.slice(0, 12));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
