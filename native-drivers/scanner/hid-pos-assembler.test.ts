import { describe, expect, it } from 'vitest';
import { HidPosAssembler } from './hid-pos-assembler';
import type { HidPosOutcome } from './hid-pos-assembler';
import { hexBytes, hidReportFixtures } from './hid-pos-fixtures';
import { genericLayout, honeywellLayout } from './hid-pos-layouts';
import { encodeHidPosLabel, encodeHidPosReport } from './hid-pos-report';

const DEVICE = 'hid:0c2e:0b61:1';
const assembler = (layout = honeywellLayout, options: { maxLabelBytes?: number; maxGapMs?: number } = {}) =>
  new HidPosAssembler({ layout, deviceId: DEVICE, ...options });
const utf8 = (text: string) => new TextEncoder().encode(text);

function feed(
  target: HidPosAssembler,
  reports: readonly Uint8Array[],
  start = 1_000,
  step = 2,
): HidPosOutcome[] {
  return reports.flatMap((report, i) => target.push(report, start + i * step));
}

describe('HidPosAssembler on recorded reports', () => {
  for (const { name, layout, reports, expected } of hidReportFixtures) {
    it(`turns the ${name} reports into one scan event`, () => {
      const target = assembler(layout === 'generic' ? genericLayout : honeywellLayout);
      const outcomes = feed(target, reports.map(hexBytes));
      expect(outcomes).toEqual([
        {
          ok: true,
          value: { ...expected, source: 'hid-pos', deviceId: DEVICE, at: 1_000 + (reports.length - 1) * 2 },
        },
      ]);
      expect(target.pending).toBe(false);
    });
  }

  it('keeps a marking code byte-exact, GS separators included', () => {
    const chz = hidReportFixtures.find((fixture) => fixture.name === 'chestny-znak');
    const [outcome] = feed(assembler(), chz?.reports.map(hexBytes) ?? []);
    expect(outcome?.ok && outcome.value.data.split('\u001d')).toEqual([
      "0104600682000181215Kx8!q'LfR2%d",
      '91EE06',
      '92b21uaXRpbGwtdGVzdC1jcnlwdG8tdGFpbC0zMmJ5dGVz',
    ]);
  });

  it('answers nothing while a label is still coming', () => {
    const target = assembler(genericLayout);
    const [first] = encodeHidPosLabel(utf8('A'.repeat(100)), ']Q1', genericLayout);
    expect(target.push(first ?? new Uint8Array(), 1_000)).toEqual([]);
    expect(target.pending).toBe(true);
  });
});

describe('HidPosAssembler rejecting and recovering', () => {
  it('counts a malformed report and stays usable for the next scan', () => {
    const target = assembler();
    expect(target.push(new Uint8Array(10), 1_000)).toEqual([
      { ok: false, error: { kind: 'short', bytes: 10 } },
    ]);
    const [good] = encodeHidPosLabel(utf8('4600682000181'), ']E0', honeywellLayout);
    expect(target.push(good ?? new Uint8Array(), 1_010)).toMatchObject([
      { ok: true, value: { data: '4600682000181' } },
    ]);
    expect(target.rejected).toMatchObject({ short: 1, length: 0 });
  });

  it('drops a label whose next report never came instead of gluing it to the next scan', () => {
    const target = assembler(genericLayout, { maxGapMs: 250 });
    const [first] = encodeHidPosLabel(utf8('X'.repeat(100)), ']C0', genericLayout);
    target.push(first ?? new Uint8Array(), 1_000);
    const [ean] = encodeHidPosLabel(utf8('4600682000181'), ']E0', genericLayout);
    expect(target.push(ean ?? new Uint8Array(), 2_000)).toEqual([
      { ok: false, error: { kind: 'interrupted', bytes: 58 } },
      expect.objectContaining({ ok: true, value: expect.objectContaining({ data: '4600682000181' }) }),
    ]);
    expect(target.rejected.interrupted).toBe(1);
  });

  it('drops a label broken by a bad report, and the rest of its reports with it', () => {
    const target = assembler(honeywellLayout);
    const reports = encodeHidPosLabel(utf8('Y'.repeat(150)), ']Q1', honeywellLayout);
    expect(reports).toHaveLength(3);
    target.push(reports[0] ?? new Uint8Array(), 1_000);
    expect(target.push(new Uint8Array(3), 1_002).map((outcome) => !outcome.ok && outcome.error.kind)).toEqual(
      ['interrupted', 'short'],
    );
    expect(target.push(reports[2] ?? new Uint8Array(), 1_004)).toEqual([]);
    const [next] = encodeHidPosLabel(utf8('96385074'), ']E4', honeywellLayout);
    expect(target.push(next ?? new Uint8Array(), 1_006)).toMatchObject([
      { ok: true, value: { data: '96385074' } },
    ]);
  });

  it('refuses a label past the maximum size and skips its remaining reports', () => {
    const target = assembler(honeywellLayout, { maxLabelBytes: 100 });
    const outcomes = feed(target, encodeHidPosLabel(utf8('Z'.repeat(300)), ']d1', honeywellLayout));
    expect(outcomes).toEqual([{ ok: false, error: { kind: 'too-long', max: 100 } }]);
    expect(target.pending).toBe(false);
    expect(feed(target, encodeHidPosLabel(utf8('SKU-1'), ']C0', honeywellLayout), 2_000)).toMatchObject([
      { ok: true, value: { data: 'SKU-1' } },
    ]);
  });

  it('refuses bytes that are not UTF-8 rather than altering them', () => {
    const target = assembler();
    const report = encodeHidPosReport(
      { data: Uint8Array.of(0x34, 0xff, 0x36), aim: ']C0', more: false },
      honeywellLayout,
    );
    expect(target.push(report, 1_000)).toEqual([{ ok: false, error: { kind: 'encoding' } }]);
  });

  it('refuses an empty label, also one that held only the line end', () => {
    const target = assembler();
    const empty = encodeHidPosReport({ data: new Uint8Array(0), aim: null, more: false }, honeywellLayout);
    const crOnly = encodeHidPosReport(
      { data: Uint8Array.of(0x0d), aim: ']C0', more: false },
      honeywellLayout,
    );
    expect([...target.push(empty, 1), ...target.push(crOnly, 2)]).toEqual([
      { ok: false, error: { kind: 'empty' } },
      { ok: false, error: { kind: 'empty' } },
    ]);
    expect(target.rejected.empty).toBe(2);
  });

  it('takes the AIM id from the data when the scanner prefixes it there', () => {
    const target = assembler(genericLayout);
    const [report] = encodeHidPosLabel(utf8(']E04600682000181'), null, genericLayout);
    expect(target.push(report ?? new Uint8Array(), 5)).toMatchObject([
      { ok: true, value: { data: '4600682000181', aim: ']E0', symbology: 'ean13' } },
    ]);
  });

  it('forgets a half-received label on reset', () => {
    const target = assembler(genericLayout);
    const [first] = encodeHidPosLabel(utf8('W'.repeat(100)), ']Q1', genericLayout);
    target.push(first ?? new Uint8Array(), 1);
    target.reset();
    expect(target.pending).toBe(false);
  });
});
