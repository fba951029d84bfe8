import { describe, expect, it } from 'vitest';
import {
  maskCard,
  maskEmail,
  maskPhone,
  nameMatchQuery,
  nameSearchText,
  normaliseEmail,
  normalisePhone,
  romanise,
  storeCountry,
} from './customer-identity';

describe('normalisePhone', () => {
  it('reads Russian numbers however they are typed into E.164', () => {
    for (const typed of [
      '+7 916 123-45-67',
      '8 (916) 123-45-67',
      '9161234567',
      '+79161234567',
      '7 916 1234567',
    ]) {
      expect(normalisePhone(typed, 'RU')).toBe('+79161234567');
    }
  });

  it('reads a foreign number with its country code', () => {
    expect(normalisePhone('+86 138 0013 8000', 'RU')).toBe('+8613800138000');
  });

  it('refuses garbage, letters, too short or too long numbers and impossible codes', () => {
    for (const garbage of [
      '',
      '12',
      'abc',
      '+7 916 12x-45-67',
      '+7 000 000-00-00',
      '8 916 123',
      '+7916123456789012',
    ]) {
      expect(normalisePhone(garbage, 'RU')).toBeNull();
    }
  });

  it('masks all but the last four digits', () => {
    expect(maskPhone('+79161234567')).toBe('+7 *** ***-45-67');
    expect(maskPhone(null)).toBeNull();
  });

  it('takes the store country from the config, else from the currency', () => {
    expect(storeCountry({ currency: 'RUB' })).toBe('RU');
    expect(storeCountry({ currency: 'CNY' })).toBe('CN');
    expect(storeCountry({ currency: 'KZT', country: 'KZ' })).toBe('KZ');
    expect(storeCountry({ currency: 'EUR', country: 'XX' })).toBe('RU');
  });
});

describe('normaliseEmail', () => {
  it('lower-cases and applies provider rules for dots and +tags', () => {
    expect(normaliseEmail('  Anna.Petrova+shop@GMail.com ')).toBe('annapetrova@gmail.com');
    expect(normaliseEmail('anna.petrova@googlemail.com')).toBe('annapetrova@gmail.com');
    expect(normaliseEmail('Ivan.Sokolov+x@ya.ru')).toBe('ivan-sokolov@yandex.ru');
    expect(normaliseEmail('li.wei+tag@example.cn')).toBe('li.wei+tag@example.cn');
  });

  it('refuses what is not an address', () => {
    for (const bad of [
      '',
      'anna',
      'anna@',
      '@mail.ru',
      'a b@mail.ru',
      'anna@@mail.ru',
      'a..b@mail.ru',
      'anna@mail',
    ]) {
      expect(normaliseEmail(bad)).toBeNull();
    }
  });
});

describe('transliteration', () => {
  it('romanises as the passport does (ICAO 9303) and as people commonly write', () => {
    expect(romanise('Юлия Фёдорова', 'icao')).toBe('iuliia fedorova');
    expect(romanise('Юлия Фёдорова', 'common')).toBe('yuliya fyodorova');
    expect(romanise('Сергей Щукин', 'icao')).toBe('sergei shchukin');
    expect(romanise('Сергей', 'common')).toBe('sergey');
    expect(romanise('Елена Хохлова', 'common')).toBe('yelena khokhlova');
  });

  it('indexes a Cyrillic name in both scripts and leaves Latin and Chinese names as they are', () => {
    expect(nameSearchText('Наталья Иванова').split(' ')).toEqual(
      expect.arrayContaining(['наталья', 'natalia', 'natalya', 'иванова', 'ivanova']),
    );
    expect(nameSearchText('Li Wei')).toBe('li wei');
    expect(nameSearchText('王芳')).toBe('王芳');
  });
});

describe('nameMatchQuery', () => {
  it('quotes each word and adds the prefix star itself, in every spelling of a Cyrillic word', () => {
    expect(nameMatchQuery('ivan')).toBe('("ivan"*)');
    expect(nameMatchQuery('Иван Пе')).toBe('("иван"* OR "ivan"*) AND ("пе"* OR "pe"*)');
  });

  it('never lets FTS5 syntax through', () => {
    expect(nameMatchQuery('"ivan" OR *')).toBe('("ivan"*) AND ("or"*)');
    expect(nameMatchQuery('ivan NEAR(petrov, 2)')).toBe('("ivan"*) AND ("near"*) AND ("petrov"*)');
    expect(nameMatchQuery('-ivan NOT petrov')).toBe('("ivan"*) AND ("not"*) AND ("petrov"*)');
    expect(nameMatchQuery('terms:ivan^')).toBe('("terms"*) AND ("ivan"*)');
    for (const nothing of ['"', '*', '-', '()', 'a', '" * - : ^']) expect(nameMatchQuery(nothing)).toBeNull();
  });

  it('takes a one-character Chinese family name', () => {
    expect(nameMatchQuery('王')).toBe('("王"*)');
  });
});

describe('maskEmail and maskCard', () => {
  it('keep only what the customer needs to recognise', () => {
    expect(maskEmail('anna.ivanova@mail.ru')).toBe('a•••@mail.ru');
    expect(maskEmail('@broken')).toBe('•••');
    expect(maskEmail(null)).toBeNull();
    expect(maskCard('2770000123456')).toBe('•••• 3456');
  });
});
