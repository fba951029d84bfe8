import { describe, expect, it } from 'vitest';
import { knownAis } from './gs1-ai';
import { GS, encodeGs1, gs1Value, parseGs1 } from './gs1';

const pairs = (text: string, separators: string[] = []) => {
  const parsed = parseGs1(text, { separators });
  return parsed.ok ? parsed.value.elements.map(({ ai, value }) => [ai, value]) : parsed.error;
};

// A medicine's marking code (Честный ЗНАК): GTIN, 13-character serial, key id, 44-character crypto tail.
const CHZ = `0104600682000181215Kx8!q'LfR2%d${GS}91EE06${GS}92b21uaXRpbGwtdGVzdC1jcnlwdG8tdGFpbC0zMmJ5dGVz`;

describe('parseGs1', () => {
  it('reads fixed-length elements that need no separator', () => {
    expect(pairs('0104600682000181310300125017251231')).toEqual([
      ['01', '04600682000181'],
      ['3103', '001250'],
      ['17', '251231'],
    ]);
  });

  it('ends variable-length elements at GS or at the end', () => {
    expect(pairs(`010460068200018110LOT-42${GS}21SN0001`)).toEqual([
      ['01', '04600682000181'],
      ['10', 'LOT-42'],
      ['21', 'SN0001'],
    ]);
  });

  it('reads a Честный ЗНАК code and keeps it byte-exact', () => {
    const parsed = parseGs1(CHZ);
    expect(parsed.ok && parsed.value.raw).toBe(CHZ);
    expect(parsed.ok && parsed.value.canonical).toBe(CHZ);
    expect(pairs(CHZ)).toEqual([
      ['01', '04600682000181'],
      ['21', "5Kx8!q'LfR2%d"],
      ['91', 'EE06'],
      ['92', 'b21uaXRpbGwtdGVzdC1jcnlwdG8tdGFpbC0zMmJ5dGVz'],
    ]);
  });

  it('reads the same code with a symbology id or a leading FNC1 in front, keeping raw as scanned', () => {
    for (const text of [`]d2${CHZ}`, `${GS}${CHZ}`, `]C1${GS}${CHZ}`]) {
      const parsed = parseGs1(text);
      expect(parsed.ok && parsed.value.raw, text).toBe(text);
      expect(parsed.ok && parsed.value.canonical, text).toBe(CHZ);
    }
  });

  it('reads a tobacco code with a price per unit (8005) and a 93 crypto tail', () => {
    expect(pairs(`010460068200018121-BqZ'%c${GS}8005123000${GS}93dGVz`)).toEqual([
      ['01', '04600682000181'],
      ['21', "-BqZ'%c"],
      ['8005', '123000'],
      ['93', 'dGVz'],
    ]);
  });

  it('reads decimals from the last AI digit of a price (392n)', () => {
    const parsed = parseGs1(`0104600682000181392212345`);
    expect(parsed.ok && parsed.value.elements[1]).toMatchObject({
      ai: '3922',
      value: '12345',
      spec: { decimals: 2 },
    });
  });

  it('tolerates a redundant GS after a fixed-length value and at the end', () => {
    expect(pairs(`0104600682000181${GS}17251231${GS}`)).toEqual([
      ['01', '04600682000181'],
      ['17', '251231'],
    ]);
  });

  it('accepts a configured stand-in for GS from a wedge scanner, and gives GS back in canonical', () => {
    const parsed = parseGs1(`010460068200018121ABC~91EE06`, { separators: ['~'] });
    expect(parsed.ok && parsed.value.canonical).toBe(`010460068200018121ABC${GS}91EE06`);
    expect(parsed.ok && gs1Value(parsed.value, '91')).toBe('EE06');
  });

  it('cannot know where a serial ends once a wedge dropped the GS: it refuses rather than guess', () => {
    expect(
      pairs(`0104600682000181215Kx8!q'LfR2%d91EE0692b21uaXRpbGwtdGVzdC1jcnlwdG8tdGFpbC0zMmJ5dGVz`),
    ).toEqual({
      kind: 'too-long',
      ai: '21',
      at: 16,
      max: 20,
    });
  });

  it('refuses a GTIN with a wrong check digit', () => {
    expect(pairs('0104600682000182')).toEqual({ kind: 'check-digit', ai: '01', at: 0 });
  });

  it('refuses an impossible date and accepts a day of 00', () => {
    expect(pairs('010460068200018117251302')).toEqual({ kind: 'date', ai: '17', at: 16 });
    expect(pairs('010460068200018117250230')).toEqual({ kind: 'date', ai: '17', at: 16 });
    expect(pairs('010460068200018117251200')).toEqual([
      ['01', '04600682000181'],
      ['17', '251200'],
    ]);
  });

  it('refuses a cut-off fixed-length value, letters in a numeric one, an unknown AI and a repeated AI', () => {
    expect(pairs('01046006820001')).toEqual({ kind: 'truncated', ai: '01', at: 0 });
    expect(pairs(`0104600682000181${GS}3103ABC123`)).toEqual({ kind: 'charset', ai: '3103', at: 17 });
    expect(pairs('0104600682000181' + '05123')).toEqual({ kind: 'unknown-ai', at: 16 });
    expect(pairs(`10A${GS}10B`)).toEqual({ kind: 'duplicate-ai', ai: '10', at: 4 });
  });

  it('refuses an empty variable value and control characters inside values', () => {
    expect(pairs(`10${GS}21X`)).toEqual({ kind: 'truncated', ai: '10', at: 0 });
    expect(pairs('10AB\tC')).toEqual({ kind: 'charset', ai: '10', at: 0 });
  });

  it('refuses nothing at all', () => {
    for (const text of ['', GS, ']d2', `]C1${GS}`])
      expect(pairs(text), JSON.stringify(text)).toEqual({ kind: 'empty' });
  });
});

describe('encodeGs1', () => {
  it('puts GS only after variable-length elements that are not last', () => {
    expect(
      encodeGs1([
        { ai: '01', value: '04600682000181', predefined: true },
        { ai: '21', value: 'ABC', predefined: false },
        { ai: '91', value: 'EE06', predefined: false },
      ]),
    ).toBe(`010460068200018121ABC${GS}91EE06`);
  });
});

describe('the AI table', () => {
  it('is prefix-free, so an AI is found without a separator before it', () => {
    const ais = knownAis().map((spec) => spec.ai);
    for (const ai of ais) {
      const prefixes = ais.filter((other) => other !== ai && ai.startsWith(other));
      expect(prefixes, ai).toEqual([]);
    }
  });

  it('marks exactly the GS1 predefined-length groups 00–03, 11–20, 31–36 and 41 as predefined', () => {
    for (const spec of knownAis()) {
      const group = Number(spec.ai.slice(0, 2));
      const expected =
        group <= 3 || (group >= 11 && group <= 20) || (group >= 31 && group <= 36) || group === 41;
      expect(spec.predefined, spec.ai).toBe(expected);
      if (spec.predefined) expect(spec.min, spec.ai).toBe(spec.max);
    }
  });
});
