import { describe, expect, it } from 'vitest';
import { hexBytes, hidReportFixtures } from './hid-pos-fixtures';
import { genericLayout, honeywellLayout, layoutForVendor } from './hid-pos-layouts';
import { encodeHidPosReport, parseHidPosReport } from './hid-pos-report';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const layoutOf = (name: 'generic' | 'honeywell') => (name === 'generic' ? genericLayout : honeywellLayout);
const fixture = (name: string) => {
  const found = hidReportFixtures.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
};

describe('parseHidPosReport on recorded reports', () => {
  it('reads data, AIM id and flag from a Honeywell EAN-13 report', () => {
    const report = hexBytes(fixture('ean13').reports[0] ?? []);
    const parsed = parseHidPosReport(report, honeywellLayout);
    expect(parsed.ok && { ...parsed.value, data: text(parsed.value.data) }).toEqual({
      data: '4600682000181',
      aim: ']E0',
      more: false,
    });
  });

  it('reads the AIM id at the end of a generic report', () => {
    const parsed = parseHidPosReport(hexBytes(fixture('ean8').reports[0] ?? []), genericLayout);
    expect(parsed).toMatchObject({ ok: true, value: { aim: ']E4', more: false } });
  });

  it('sees the continuation flag on all but the last report of a long label', () => {
    const { reports } = fixture('qr-cyrillic');
    const flags = reports.map((rows) => {
      const parsed = parseHidPosReport(hexBytes(rows), genericLayout);
      return parsed.ok && parsed.value.more;
    });
    expect(flags).toEqual([true, true, false]);
  });

  it('reads the same report with its id stripped, as WebHID delivers it', () => {
    const report = hexBytes(fixture('ean13').reports[0] ?? []);
    const withId = parseHidPosReport(report, honeywellLayout);
    expect(parseHidPosReport(report.slice(1), honeywellLayout)).toEqual(withId);
    expect(parseHidPosReport(report.slice(1), honeywellLayout, 'stripped')).toEqual(withId);
  });

  it('reads a null AIM id when the scanner leaves the symbology bytes zero', () => {
    const parsed = parseHidPosReport(hexBytes(fixture('no-aim').reports[0] ?? []), genericLayout);
    expect(parsed).toMatchObject({ ok: true, value: { aim: null } });
  });

  it('parses every recorded report of every fixture', () => {
    for (const { name, layout, reports } of hidReportFixtures) {
      for (const rows of reports)
        expect(parseHidPosReport(hexBytes(rows), layoutOf(layout)).ok, name).toBe(true);
    }
  });
});

describe('parseHidPosReport refusing malformed reports', () => {
  const good = hexBytes(fixture('ean13').reports[0] ?? []);

  it('refuses a report shorter than the layout', () => {
    expect(parseHidPosReport(good.slice(0, 20), honeywellLayout)).toEqual({
      ok: false,
      error: { kind: 'short', bytes: 20 },
    });
    expect(parseHidPosReport(new Uint8Array(0), honeywellLayout)).toMatchObject({ error: { kind: 'short' } });
  });

  it('refuses a report longer than the layout', () => {
    const long = new Uint8Array(65);
    long.set(good);
    expect(parseHidPosReport(long, honeywellLayout)).toEqual({
      ok: false,
      error: { kind: 'oversize', bytes: 65 },
    });
  });

  it('refuses a report with another id, such as a trigger report', () => {
    const trigger = good.slice();
    trigger[0] = 0x04;
    expect(parseHidPosReport(trigger, honeywellLayout)).toEqual({
      ok: false,
      error: { kind: 'report-id', reportId: 4 },
    });
  });

  it('refuses a declared length beyond the data area', () => {
    const bad = good.slice();
    bad[1] = 57;
    expect(parseHidPosReport(bad, honeywellLayout)).toEqual({
      ok: false,
      error: { kind: 'length', declared: 57, capacity: 56 },
    });
  });

  it('refuses symbology bytes that are not an AIM id', () => {
    const bad = good.slice();
    bad[2] = 0x41;
    expect(parseHidPosReport(bad, honeywellLayout)).toEqual({ ok: false, error: { kind: 'aim' } });
  });
});

describe('layouts', () => {
  it('picks the Honeywell layout by vendor id and the generic one for others', () => {
    expect(layoutForVendor(0x0c2e)).toBe(honeywellLayout);
    expect(layoutForVendor(0x05e0)).toBe(genericLayout);
  });

  it('fills exactly 64 bytes in both layouts', () => {
    for (const layout of [genericLayout, honeywellLayout]) {
      const fields = [
        layout.lengthAt,
        layout.moreAt,
        layout.aimAt + 2,
        layout.dataAt + layout.dataCapacity - 1,
      ];
      expect(Math.max(...fields), layout.name).toBe(layout.reportBytes - 1);
    }
  });

  it('encodes what it parses', () => {
    const fields = { data: new TextEncoder().encode('SKU-00042'), aim: ']C0', more: true };
    for (const layout of [genericLayout, honeywellLayout]) {
      expect(parseHidPosReport(encodeHidPosReport(fields, layout), layout)).toEqual({
        ok: true,
        value: fields,
      });
    }
  });
});
