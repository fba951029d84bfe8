import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldEdit, ProfileFields } from './field-merge';
import { applyEdits, eraseProfile, remoteApplies, supersedes } from './field-merge';
import { formatHlc } from './hlc';

const stamp = (ms: number, node = 'till-a', counter = 0) => formatHlc({ ms, counter }, node);
const anna: ProfileFields = {
  values: { name: 'Анна Иванова', phoneE164: '+79161234567', email: 'anna@example.ru' },
  clocks: {},
  erased: false,
};
const edit = (field: FieldEdit['field'], value: string | null, ms: number, node = 'till-a'): FieldEdit => ({
  field,
  value,
  hlc: stamp(ms, node),
});

describe('per-field merge of customer edits', () => {
  it('keeps, per field, the edit with the later stamp whichever arrives first', () => {
    const early = edit('name', 'Анна Петрова', 1_000, 'till-a');
    const late = edit('name', 'Анна Сидорова', 2_000, 'till-b');
    for (const order of [
      [early, late],
      [late, early],
    ]) {
      const merged = applyEdits(anna, order);
      expect(merged.profile.values.name).toBe('Анна Сидорова');
      expect(merged.profile.clocks.name).toBe(late.hlc);
    }
    expect(applyEdits(applyEdits(anna, [late]).profile, [early])).toMatchObject({
      applied: [],
      stale: [early],
    });
  });

  it('applies edits of different fields from different tills side by side', () => {
    const phone = edit('phoneE164', '+79035550101', 1_000, 'till-a');
    const email = edit('email', null, 900, 'till-b');
    const merged = applyEdits(anna, [phone, email]).profile;
    expect(merged.values).toEqual({ name: 'Анна Иванова', phoneE164: '+79035550101', email: null });
  });

  it('breaks a tie of the same millisecond by the node, the same way everywhere', () => {
    const a = edit('consent:marketing:sms', 'withdrawn', 5_000, 'till-a');
    const b = edit('consent:marketing:sms', 'granted', 5_000, 'till-b');
    expect(applyEdits(anna, [a, b]).profile.values['consent:marketing:sms']).toBe('granted');
    expect(applyEdits(anna, [b, a]).profile.values['consent:marketing:sms']).toBe('granted');
  });

  it('lets any stamped edit replace a value that has no stamp yet', () => {
    expect(supersedes(stamp(1), undefined)).toBe(true);
    expect(supersedes(stamp(1), stamp(1))).toBe(false);
  });

  it('ends in the same profile for every order of the same edits', () => {
    const fields = [
      'name',
      'phoneE164',
      'email',
      'birthday',
      'attr:shoe_size',
      'consent:marketing:sms',
    ] as const;
    const anEdit = fc.record({
      field: fc.constantFrom(...fields),
      value: fc.constantFrom('a', 'b', 'c'),
      ms: fc.integer({ min: 0, max: 50 }),
      node: fc.constantFrom('till-a', 'till-b', 'hq'),
      counter: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(anEdit, {
          selector: (e) => `${e.ms}-${e.counter}-${e.node}-${e.field}`,
          maxLength: 20,
        }),
        fc.func(fc.integer()),
        (raw, order) => {
          const edits = raw.map((e) => ({
            field: e.field,
            value: e.value,
            hlc: stamp(e.ms, e.node, e.counter),
          }));
          const shuffled = [...edits].sort((x, y) => order(x.hlc + x.field) - order(y.hlc + y.field));
          expect(applyEdits(anna, shuffled).profile).toEqual(applyEdits(anna, edits).profile);
          // Applied one push at a time, as HQ does, the result is the same too.
          const oneByOne = shuffled.reduce((profile, e) => applyEdits(profile, [e]).profile, anna);
          expect(oneByOne).toEqual(applyEdits(anna, edits).profile);
        },
      ),
    );
  });
});

describe('erasure against edits', () => {
  it('wins over an edit stamped after it, arriving before or after it', () => {
    const late = edit('phoneE164', '+79035550199', Date.UTC(2030, 0, 1), 'till-b');
    const erased = eraseProfile();
    expect(applyEdits(erased, [late])).toEqual({ profile: erased, applied: [], stale: [], erased: true });
    // The edit came first: the erasure still leaves nothing, clocks included, and a re-sent edit
    // finds nothing to write on.
    expect(applyEdits(anna, [late]).profile.values.phoneE164).toBe('+79035550199');
    const resent = applyEdits(eraseProfile(), [late, edit('name', 'Анна', Date.UTC(2031, 0, 1))]);
    expect(resent.profile).toEqual({ values: {}, clocks: {}, erased: true });
  });
});

describe('a till applying a profile from HQ', () => {
  it('keeps its own edit while HQ has not shown back one as recent', () => {
    expect(remoteApplies(stamp(1_000, 'till-b'), stamp(2_000))).toBe(false);
    expect(remoteApplies(undefined, stamp(2_000))).toBe(false);
  });

  it('takes HQ’s value once HQ has the edit, or a later one', () => {
    expect(remoteApplies(stamp(2_000), stamp(2_000))).toBe(true);
    expect(remoteApplies(stamp(3_000, 'till-b'), stamp(2_000))).toBe(true);
    expect(remoteApplies(undefined, undefined)).toBe(true);
    expect(remoteApplies(stamp(1), undefined)).toBe(true);
  });
});
