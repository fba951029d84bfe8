import { describe, expect, it } from 'vitest';
import { attributeKey, invalidPreferences, preferencesInput } from './preferences';

describe('preferences typed at enrolment', () => {
  it('become lower-case keys with underscores', () => {
    expect(attributeKey('  Shoe Size ')).toBe('shoe_size');
    expect(preferencesInput([{ key: 'Shoe size', value: ' 38 ' }])).toEqual({ shoe_size: '38' });
  });

  it('leave out blank rows and send nothing when all are blank', () => {
    expect(preferencesInput([{ key: '', value: '' }])).toBeUndefined();
    expect(invalidPreferences([{ key: ' ', value: '' }])).toEqual([]);
  });

  it('point at rows main would refuse: a key that is not a Latin word, or a key without a value', () => {
    const rows = [
      { key: 'pet', value: 'cat' },
      { key: 'размер', value: '38' },
      { key: 'diet', value: '' },
      { key: '1st', value: 'x' },
    ];
    expect(invalidPreferences(rows)).toEqual([1, 2, 3]);
  });
});
