import { describe, expect, it } from 'vitest';
import { nameSearchText } from '../../domain/customer-identity';
import { createNameTerms } from './name-terms';

describe('the name index text of pulled customers', () => {
  it('is what the till itself indexes a name as, word for word, however often a word comes back', () => {
    const nameTerms = createNameTerms();
    const names = [
      'Евлампия Квакушкина',
      'Юлия Сергеевна Ёлкина',
      'Ёлкина Юлия',
      'Anna-Maria O’Brien',
      '李伟',
      'Wang Fang 王芳',
      'Пётр  Ильич   Чайковский',
      'Олег Щукин-Ъ',
      '',
      'Юлия Сергеевна Ёлкина',
    ];
    for (const name of names) expect(nameTerms(name)).toBe(nameSearchText(name));
  });
});
