import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { swipeText } from '../simulators/card-reader';
import { readSwipe } from './swipe';
import type { CardRead, CardRanges } from './swipe';
import { SwipeStream } from './swipe-stream';
import {
  demoRanges,
  giftNumber,
  loyaltyNumber,
  paymentPans,
  withGtinDigit,
  withLuhnDigit,
} from './test-cards';
import { trackLrc } from './tracks';

const read = (text: string, ranges: CardRanges = demoRanges) => readSwipe(text, ranges);

/** No five consecutive digits of the PAN anywhere: the masked form keeps only the last four. */
function expectNoPan(value: unknown, pan: string): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (let i = 0; i + 5 <= pan.length; i++) expect(text).not.toContain(pan.slice(i, i + 5));
}

describe('reading a loyalty or gift card swipe', () => {
  it('reads the number from track 2 alone, as most loyalty cards carry it', () => {
    expect(read(`;${loyaltyNumber}?\r`)).toEqual({ kind: 'loyalty', number: loyaltyNumber });
    expect(read(`;${loyaltyNumber}=3012?`)).toEqual({ kind: 'loyalty', number: loyaltyNumber });
  });

  it('reads a MagTek-style stream of three tracks ended by CR', () => {
    const text = `${swipeText({ number: giftNumber }, { tracks: { 1: 'data', 2: 'data', 3: 'data' } })}\r`;
    expect(text).toMatch(/^%B\d+\^CUSTOMER\/TEST\^3012101\?;\d+=3012101\?\+\d+=\?\r$/);
    expect(read(text)).toEqual({ kind: 'gift', number: giftNumber });
  });

  it('falls back to track 1 when track 2 could not be read', () => {
    expect(read(swipeText({ number: loyaltyNumber }, { tracks: { 1: 'data', 2: 'unreadable' } }))).toEqual({
      kind: 'loyalty',
      number: loyaltyNumber,
    });
  });

  it('matches ISO 7812-style loyalty numbers by a Luhn range from the settings', () => {
    const ranges: CardRanges = {
      loyaltyCards: [{ from: '7781', to: '7781', length: 16, check: 'luhn' }],
      giftCards: [],
    };
    const number = withLuhnDigit('778100001234567');
    expect(read(`;${number}=49121010000000000000?`, ranges)).toEqual({ kind: 'loyalty', number });
  });

  it('shows only the last four digits of a card in no configured range', () => {
    expect(read(';9876543210987?')).toEqual({ kind: 'unknown-card', masked: '•••• 0987' });
  });

  it('refuses a number in a range whose check digit fails, as a misread', () => {
    const wrong = `${loyaltyNumber.slice(0, -1)}${(Number(loyaltyNumber.at(-1)) + 1) % 10}`;
    expect(read(`;${wrong}?`)).toMatchObject({ kind: 'misread', error: { code: 'check-digit' } });
  });
});

describe('swipes that cannot be used', () => {
  const code = (result: CardRead) => (result.kind === 'misread' ? result.error.code : result.kind);

  it('says unreadable when the reader sent E for every track', () => {
    expect(read('%E?;E?+E?\r')).toEqual({
      kind: 'misread',
      error: { code: 'unreadable', track: 1, message: 'The card could not be read; swipe it again.' },
    });
  });

  it('names sentinel, format, length and emptiness faults', () => {
    expect(code(read(`${loyaltyNumber}\r`))).toBe('start-sentinel');
    expect(code(read(`;${loyaltyNumber}`))).toBe('end-sentinel');
    expect(code(read(';12A4?'))).toBe('format');
    expect(code(read(`;${'1'.repeat(40)}?`))).toBe('too-long');
    expect(code(read('\r\n'))).toBe('empty');
    expect(code(read('%ALOYALTY^CLUB?'))).toBe('empty');
    expect(code(read('x'.repeat(600)))).toBe('too-long');
  });

  it('checks the LRC character when the reader sends one', () => {
    const good = swipeText({ number: loyaltyNumber }, { tracks: { 2: 'data' }, lrc: true });
    expect(readSwipe(good, demoRanges, { lrc: true })).toEqual({ kind: 'loyalty', number: loyaltyNumber });
    const lrc = good.charCodeAt(good.length - 1);
    const bad = `${good.slice(0, -1)}${String.fromCharCode(lrc === 0x30 ? 0x31 : 0x30)}`;
    expect(readSwipe(bad, demoRanges, { lrc: true })).toMatchObject({
      kind: 'misread',
      error: { code: 'lrc', track: 2 },
    });
  });

  it('computes track LRCs over the data bits, sentinels included', () => {
    // ";1?" → 0xB ^ 0x1 ^ 0xF = 0x5 → "5"; "%A?" → 0x05 ^ 0x21 ^ 0x1F = 0x3B → "[".
    expect(String.fromCharCode(trackLrc(new TextEncoder().encode(';1?'), 2))).toBe('5');
    expect(String.fromCharCode(trackLrc(new TextEncoder().encode('%A?'), 1))).toBe('[');
  });
});

describe('payment cards are refused and never kept', () => {
  it.each(Object.entries(paymentPans))('refuses a %s card with only its last four digits', (_scheme, pan) => {
    const result = read(`${swipeText({ number: pan, name: 'PETROVA/ANNA' })}\r`);
    expect(result).toEqual({ kind: 'payment-card', masked: `•••• ${pan.slice(-4)}` });
    expectNoPan(result, pan);
  });

  it('refuses a payment card even when one track is unreadable or a loyalty range covers it', () => {
    const pan = paymentPans.visa;
    expect(read(swipeText({ number: pan }, { tracks: { 1: 'unreadable', 2: 'data' } })).kind).toBe(
      'payment-card',
    );
    expect(read(swipeText({ number: pan }, { tracks: { 1: 'data', 2: 'unreadable' } })).kind).toBe(
      'payment-card',
    );
    const careless: CardRanges = {
      loyaltyCards: [{ from: '4', to: '4', length: 16, check: 'luhn' }],
      giftCards: [],
    };
    expect(read(swipeText({ number: pan }), careless).kind).toBe('payment-card');
  });

  it('puts no card digits in the message of a damaged payment card swipe', () => {
    const pan = paymentPans.mir;
    const good = swipeText({ number: pan }, { tracks: { 2: 'data' }, lrc: true });
    const damaged = `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`;
    const result = readSwipe(damaged, demoRanges, { lrc: true });
    expect(result.kind).toBe('misread');
    expectNoPan(result, pan);
    if (result.kind === 'misread') expect(result.error.message).not.toMatch(/\d/);
  });

  it('zeroes the chunks it is given and its own buffer after each swipe', () => {
    const reads: CardRead[] = [];
    const stream = new SwipeStream(demoRanges, (result) => reads.push(result));
    const pan = paymentPans.mastercard;
    const chunk = new TextEncoder().encode(`${swipeText({ number: pan })}\r`);
    stream.push(chunk.subarray(0, 10));
    stream.push(chunk.subarray(10));
    expect(reads).toEqual([{ kind: 'payment-card', masked: '•••• 4444' }]);
    expect(chunk.every((byte) => byte === 0)).toBe(true);
    const own = Reflect.get(stream, 'buffer') as Uint8Array;
    expect(own.every((byte) => byte === 0)).toBe(true);
  });

  it('does not change the caller’s bytes when reading a swipe directly', () => {
    const bytes = new TextEncoder().encode(`;${loyaltyNumber}?`);
    const copy = Uint8Array.from(bytes);
    readSwipe(bytes, demoRanges);
    expect(bytes).toEqual(copy);
  });
});

describe('a serial reader’s stream of swipes', () => {
  it('reads swipes back to back, ignores blank lines, and drops an oversized one to its end', () => {
    const reads: string[] = [];
    const stream = new SwipeStream(demoRanges, (result) =>
      reads.push(result.kind === 'misread' ? result.error.code : result.kind),
    );
    const encode = (text: string) => new TextEncoder().encode(text);
    stream.push(encode(`;${loyaltyNumber}?\r\n\r\n;${giftNumber}?\r`));
    stream.push(encode(`;${'7'.repeat(700)}`));
    stream.push(encode(`?\r;${loyaltyNumber}?\r`));
    expect(reads).toEqual(['loyalty', 'gift', 'too-long', 'loyalty']);
  });

  it('forgets half a swipe on reset', () => {
    const reads: CardRead[] = [];
    const stream = new SwipeStream(demoRanges, (result) => reads.push(result));
    stream.push(new TextEncoder().encode(`;${paymentPans.visa.slice(0, 8)}`));
    stream.reset();
    stream.push(new TextEncoder().encode(`;${loyaltyNumber}?\r`));
    expect(reads).toEqual([{ kind: 'loyalty', number: loyaltyNumber }]);
  });
});

describe('fuzzing the track parser', () => {
  const kinds = ['loyalty', 'gift', 'payment-card', 'unknown-card', 'misread'];
  const codes = [
    'unreadable',
    'start-sentinel',
    'end-sentinel',
    'lrc',
    'format',
    'too-long',
    'empty',
    'check-digit',
  ];
  const wellFormed = (result: CardRead) =>
    kinds.includes(result.kind) && (result.kind !== 'misread' || codes.includes(result.error.code));

  it('answers every string with a typed result and never throws', () => {
    const trackish = fc.string({
      unit: fc.constantFrom(...'%;+?^=E0123456789B/ \r'.split('')),
      maxLength: 120,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 600 }), trackish), fc.boolean(), (text, lrc) =>
        wellFormed(readSwipe(text, demoRanges, { lrc })),
      ),
      { numRuns: 2000 },
    );
  });

  it('answers every byte sequence with a typed result and never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, lrc) =>
        wellFormed(readSwipe(bytes, demoRanges, { lrc })),
      ),
      { numRuns: 2000 },
    );
  });

  it('reads back any loyalty number in the demo range, on either track', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^27\d{10}$/), fc.constantFrom(1, 2), (body, track) => {
        const number = withGtinDigit(body);
        const text = swipeText({ number }, { tracks: { [track]: 'data' } });
        expect(read(text)).toEqual({ kind: 'loyalty', number });
      }),
    );
  });

  it('never yields more than the last four digits of a payment card, however the swipe is damaged', () => {
    const schemePrefix = fc.constantFrom(
      '4',
      '51',
      '55',
      '2221',
      '2720',
      '2200',
      '2204',
      '62',
      '3528',
      '6011',
    );
    const pan = fc
      .tuple(schemePrefix, fc.stringMatching(/^\d{14}$/))
      .map(([prefix, digits]) => withLuhnDigit(`${prefix}${digits}`.slice(0, 15)));
    const damage = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x20, max: 0x7e })), { maxLength: 3 });
    fc.assert(
      fc.property(pan, damage, fc.boolean(), (number, edits, lrc) => {
        const chars = swipeText({ number }, { tracks: { 1: 'data', 2: 'data', 3: 'data' }, lrc }).split('');
        for (const [at, code] of edits) chars[at % chars.length] = String.fromCharCode(code);
        const result = readSwipe(chars.join(''), demoRanges, { lrc });
        expect(wellFormed(result)).toBe(true);
        expectNoPan(result, number);
      }),
      { numRuns: 1000 },
    );
  });
});
