// Realistic data shared by the domain tests: a Moscow grocery's products and a deep freeze that turns
// any accidental mutation of an input into a thrown TypeError.
import type { ProductForSale } from './cart';

/** A valid RFC 9562 version-4 UUID whose last group is `n`, so tests read as line 1, line 2, … */
export const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export const milk: ProductForSale = deepFreeze({
  productId: 101,
  barcode: '4600682000181',
  names: { ru: 'Молоко 3,2 % 1 л', en: 'Milk 3.2 % 1 l', 'zh-CN': '牛奶 3.2% 1升' },
  unit: 'piece',
  unitPriceMinor: 8_990,
  taxRateBp: 1_000,
});

export const bread: ProductForSale = deepFreeze({
  productId: 102,
  barcode: '4607001770015',
  names: { ru: 'Хлеб Бородинский', en: 'Borodinsky bread' },
  unit: 'piece',
  unitPriceMinor: 4_590,
  taxRateBp: 1_000,
});

export const wine: ProductForSale = deepFreeze({
  productId: 201,
  barcode: '5901234123457',
  names: { ru: 'Вино красное сухое 0,75 л', en: 'Dry red wine 0.75 l' },
  unit: 'piece',
  unitPriceMinor: 89_900,
  taxRateBp: 2_000,
});

export const apples: ProductForSale = deepFreeze({
  productId: 301,
  barcode: '00123',
  names: { ru: 'Яблоки Гала', en: 'Gala apples' },
  unit: 'kg',
  unitPriceMinor: 14_990,
  taxRateBp: 1_000,
});

export const cheese: ProductForSale = deepFreeze({
  productId: 302,
  barcode: '00456',
  names: { ru: 'Сыр Российский, фасованный', en: 'Rossiysky cheese, prepacked' },
  unit: 'piece',
  unitPriceMinor: 0,
  taxRateBp: 1_000,
});

export const bandage: ProductForSale = deepFreeze({
  productId: 401,
  barcode: '4006381333931',
  names: { ru: 'Бинт стерильный 7 × 14', en: 'Sterile bandage 7 × 14' },
  unit: 'piece',
  unitPriceMinor: 15_000,
  taxRateBp: 0,
});
