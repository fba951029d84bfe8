import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, Hlc, MAX_HLC_DRIFT_MS, parseHlc, receiveHlc, tickHlc } from './hlc';

describe('hybrid logical clock', () => {
  it('formats stamps that parse back and pass the schema', () => {
    const stamp = formatHlc({ ms: 1_763_900_000_123, counter: 7 }, 'hq');
    expect(stamp).toBe('001763900000123-000007-hq');
    expect(Hlc.safeParse(stamp).success).toBe(true);
    expect(parseHlc(stamp)).toEqual({ ms: 1_763_900_000_123, counter: 7, node: 'hq' });
  });

  it('moves forward with the wall clock and counts within one millisecond or when the clock goes back', () => {
    expect(tickHlc({ ms: 100, counter: 3 }, 200)).toEqual({ ms: 200, counter: 0 });
    expect(tickHlc({ ms: 200, counter: 0 }, 200)).toEqual({ ms: 200, counter: 1 });
    expect(tickHlc({ ms: 200, counter: 1 }, 150)).toEqual({ ms: 200, counter: 2 });
  });

  it('sorts the next local stamp after any stamp it has seen', () => {
    const seen = formatHlc({ ms: 5_000, counter: 9 }, 'node-b');
    const received = receiveHlc({ ms: 4_000, counter: 0 }, seen, 4_500);
    expect(received).toEqual({ ok: true, state: { ms: 5_000, counter: 10 } });
  });

  it('refuses a stamp from a clock more than a day ahead', () => {
    const far = formatHlc({ ms: 10_000 + MAX_HLC_DRIFT_MS + 1, counter: 0 }, 'node-b');
    expect(receiveHlc({ ms: 0, counter: 0 }, far, 10_000)).toMatchObject({ ok: false, reason: 'drift' });
  });

  it('orders stamps as strings exactly as by (ms, counter, node)', () => {
    const stamp = fc.record({
      ms: fc.integer({ min: 0, max: 9_999_999_999_999 }),
      counter: fc.integer({ min: 0, max: 999_999 }),
      node: fc.constantFrom('hq', 'online', 'a1', 'b2'),
    });
    fc.assert(
      fc.property(stamp, stamp, (a, b) => {
        const byParts =
          a.ms - b.ms || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        expect(Math.sign(compareHlc(formatHlc(a, a.node), formatHlc(b, b.node)))).toBe(Math.sign(byParts));
      }),
    );
  });

  it('never goes backwards through any mix of local events and received stamps', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('tick' as const), now: fc.integer({ min: 0, max: 1_000_000 }) }),
      fc.record({
        kind: fc.constant('receive' as const),
        now: fc.integer({ min: 0, max: 1_000_000 }),
        ms: fc.integer({ min: 0, max: 1_000_000 }),
        counter: fc.integer({ min: 0, max: 999_999 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let state = { ms: 0, counter: 0 };
        for (const s of steps) {
          const before = formatHlc(state, 'me');
          if (s.kind === 'tick') state = tickHlc(state, s.now);
          else {
            const remote = formatHlc({ ms: s.ms, counter: s.counter }, 'zz');
            const next = receiveHlc(state, remote, s.now);
            if (!next.ok) continue;
            state = next.state;
            expect(compareHlc(formatHlc(state, 'me'), remote.replace('-zz', '-me'))).toBeGreaterThan(0);
          }
          expect(compareHlc(formatHlc(state, 'me'), before)).toBeGreaterThan(0);
        }
      }),
    );
  });
});
