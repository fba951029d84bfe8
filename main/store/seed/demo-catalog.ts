// The fixed demo catalogue and staff that tests, the README and demos rely on: change a barcode or a
// price here and they change too. Barcodes are literal so they can be typed at the till; their check
// digits are verified by demo-catalog.test.ts. Generated barcodes never start 4600 or 4610, so these
// stay unique whatever the generator adds.
import type { CategoryKey } from './categories';
import { categoryId } from './categories';
import { gtinCheckDigit } from '../../domain/barcode';
import type { Names, ProductRow } from './rows';

/** Russian VAT (Tax Code art. 164): 20 % standard, 10 % for basic food, children's goods and books. */
export const Vat = { standard: 2000, reduced: 1000, none: 0 } as const;

type DemoItem = Omit<ProductRow, 'id' | 'categoryId'> & { category: CategoryKey };

const item = (
  sku: string,
  category: CategoryKey,
  [ru, en, zh]: [string, string, string],
  priceMinor: number,
  taxRateBp: number,
  barcodes: string[],
): DemoItem => ({
  sku,
  category,
  unit: 'piece',
  priceMinor,
  taxRateBp,
  plu: null,
  names: names(ru, en, zh),
  barcodes,
});

// Weighed goods carry no barcode of their own: the scale prints `21 PLU grams C` on a label.
const weighed = (
  sku: string,
  category: CategoryKey,
  [ru, en, zh]: [string, string, string],
  pricePerKgMinor: number,
  plu: string,
): DemoItem => ({
  sku,
  category,
  unit: 'kg',
  priceMinor: pricePerKgMinor,
  taxRateBp: Vat.reduced,
  plu,
  names: names(ru, en, zh),
  barcodes: [],
});

const names = (ru: string, en: string, zh: string): Names => ({ ru, en, 'zh-CN': zh });

const items = {
  milk: item('DEMO-01', 'milk', ['Молоко 3,2 % 1 л', 'Milk 3.2% 1 L', '牛奶3.2% 1升'], 8990, Vat.reduced, [
    '4600512000015',
  ]),
  kefir: item(
    'DEMO-02',
    'cultured',
    ['Кефир 2,5 % 900 г', 'Kefir 2.5% 900 g', '开菲尔酸奶2.5% 900克'],
    9490,
    Vat.reduced,
    ['4600512000022'],
  ),
  tvorog: item(
    'DEMO-03',
    'cultured',
    ['Творог 5 % 200 г', 'Tvorog 5% 200 g', '奶渣5% 200克'],
    11990,
    Vat.reduced,
    ['4600512000039'],
  ),
  butter: item(
    'DEMO-04',
    'butter',
    ['Масло сливочное 82,5 % 180 г', 'Butter 82.5% 180 g', '黄油82.5% 180克'],
    22990,
    Vat.reduced,
    ['4600512000046'],
  ),
  eggs: item(
    'DEMO-05',
    'eggs',
    ['Яйца куриные С1, 10 шт.', 'Eggs C1, 10 pcs', '鸡蛋C1级 10枚'],
    11990,
    Vat.reduced,
    ['4600734001050'],
  ),
  borodinsky: item(
    'DEMO-06',
    'bread',
    ['Хлеб «Бородинский» 400 г', 'Borodinsky rye bread 400 g', '博罗金诺黑麦面包 400克'],
    6490,
    Vat.reduced,
    ['4600228000118'],
  ),
  // The bakery's new wrapper came with a new code; the old stock still carries the first one.
  loaf: item(
    'DEMO-07',
    'bread',
    ['Батон нарезной 400 г', 'Sliced white loaf 400 g', '切片白面包 400克'],
    5490,
    Vat.reduced,
    ['4600228000286', '4610022800050'],
  ),
  buckwheat: item(
    'DEMO-08',
    'grains',
    ['Гречка ядрица 900 г', 'Buckwheat 900 g', '荞麦米 900克'],
    10990,
    Vat.reduced,
    ['4600415000174'],
  ),
  spaghetti: item(
    'DEMO-09',
    'pasta',
    ['Спагетти 450 г', 'Spaghetti 450 g', '意大利直面 450克'],
    8990,
    Vat.reduced,
    ['4600415000242'],
  ),
  sunflowerOil: item(
    'DEMO-10',
    'oil',
    ['Масло подсолнечное рафинированное 1 л', 'Refined sunflower oil 1 L', '精炼葵花籽油 1升'],
    15990,
    Vat.reduced,
    ['4600883000195'],
  ),
  tea: item(
    'DEMO-11',
    'tea',
    ['Чай чёрный листовой 100 г', 'Black leaf tea 100 g', '红茶（散装）100克'],
    14990,
    Vat.standard,
    ['4610039000122'],
  ),
  coffee: item(
    'DEMO-12',
    'coffee',
    ['Кофе молотый 250 г', 'Ground coffee 250 g', '研磨咖啡 250克'],
    44990,
    Vat.standard,
    ['4610039000290'],
  ),
  chocolate: item(
    'DEMO-13',
    'chocolate',
    ['Шоколад молочный 90 г', 'Milk chocolate 90 g', '牛奶巧克力 90克'],
    10990,
    Vat.standard,
    ['4600661000164'],
  ),
  pelmeni: item(
    'DEMO-14',
    'dumplings',
    ['Пельмени «Сибирские» 800 г', 'Siberian pelmeni 800 g', '西伯利亚饺子 800克'],
    39990,
    Vat.reduced,
    ['4600902000137'],
  ),
  iceCream: item(
    'DEMO-15',
    'iceCream',
    ['Мороженое пломбир в стаканчике 80 г', 'Plombir ice cream cup 80 g', '香草冰淇淋杯 80克'],
    7990,
    Vat.reduced,
    ['4600512001012'],
  ),
  water: item(
    'DEMO-16',
    'water',
    ['Вода минеральная газированная 1,5 л', 'Sparkling mineral water 1.5 L', '含气矿泉水 1.5升'],
    6990,
    Vat.standard,
    ['4600991000186'],
  ),
  dishwashing: item(
    'DEMO-17',
    'dishwashing',
    ['Средство для мытья посуды 500 мл', 'Dishwashing liquid 500 ml', '洗洁精 500毫升'],
    14990,
    Vat.standard,
    ['4610077000115'],
  ),
  toiletPaper: item(
    'DEMO-18',
    'toiletPaper',
    ['Туалетная бумага, 4 рулона', 'Toilet paper, 4 rolls', '卫生纸 4卷'],
    18990,
    Vat.standard,
    ['4610077000283'],
  ),
  toothpaste: item(
    'DEMO-19',
    'oralCare',
    ['Зубная паста 100 мл', 'Toothpaste 100 ml', '牙膏 100毫升'],
    19990,
    Vat.standard,
    ['4610077000351'],
  ),
  bag: item('DEMO-20', 'bags', ['Пакет-майка', 'Carrier bag', '购物袋'], 990, Vat.standard, [
    '4600123000169',
  ]),
  // Imported from the US with a 12-digit UPC-A (081234560010), stored as EAN-13 with a leading 0.
  peanutButter: item(
    'DEMO-21',
    'spreads',
    ['Арахисовая паста 340 г', 'Peanut butter 340 g', '花生酱 340克'],
    49990,
    Vat.standard,
    ['0081234560010'],
  ),
  // Books carry their ISBN as an EAN-13 (978 "Bookland", group 5 for Russian-language publishers).
  book: item(
    'DEMO-22',
    'books',
    ['Книга «Мастер и Маргарита»', 'Book “The Master and Margarita”', '图书《大师和玛格丽特》'],
    49900,
    Vat.reduced,
    ['9785090000017'],
  ),
  // Stamps sold at face value and charity items are exempt from VAT (Tax Code art. 149).
  stamp: item(
    'DEMO-23',
    'stamps',
    ['Почтовая марка 60 ₽', 'Postage stamp 60 RUB', '邮票 60卢布'],
    6000,
    Vat.none,
    ['4600002000105'],
  ),
  charityBracelet: item(
    'DEMO-24',
    'charity',
    [
      'Благотворительный браслет «Помоги приюту»',
      'Charity bracelet “Help the shelter”',
      '慈善手环“帮助动物收容所”',
    ],
    10000,
    Vat.none,
    ['4600001000076'],
  ),
  bananas: weighed('DEMO-25', 'fruit', ['Бананы', 'Bananas', '香蕉'], 14990, '00101'),
  apples: weighed(
    'DEMO-26',
    'fruit',
    ['Яблоки Гренни Смит', 'Granny Smith apples', '青苹果'],
    17990,
    '00102',
  ),
  potatoes: weighed('DEMO-27', 'vegetables', ['Картофель', 'Potatoes', '土豆'], 4990, '00103'),
  cheese: weighed(
    'DEMO-28',
    'cheese',
    ['Сыр «Российский» 50 %', 'Rossiysky cheese 50%', '俄罗斯奶酪50%'],
    89990,
    '00123',
  ),
} satisfies Record<string, DemoItem>;

type DemoKey = keyof typeof items;

const toRow = ({ category, ...rest }: DemoItem, index: number): ProductRow => ({
  id: index + 1,
  categoryId: categoryId(category),
  ...rest,
});

/** The fixed products by a readable key, ids 1–28 in this order; generated products follow. */
export const demoProducts = Object.fromEntries(
  Object.entries(items).map(([key, value], index) => [key, toRow(value, index)]),
) as Record<DemoKey, ProductRow>;

export const demoProductList: readonly ProductRow[] = Object.values(demoProducts);

export interface DemoUser {
  id: number;
  name: string;
  role: 'cashier' | 'manager';
  /** Demo PINs are public by design; the database stores only their scrypt hash. */
  pin: string;
}

export const demoUsers: readonly DemoUser[] = [
  { id: 1, name: 'Анна Петрова', role: 'cashier', pin: '1111' },
  { id: 2, name: 'Li Wei', role: 'cashier', pin: '2222' },
  { id: 3, name: 'Иван Соколов', role: 'manager', pin: '9999' },
];

/**
 * The label a store scale prints for `grams` of the product with `plu`: `2T PPPPP WWWWW C`, the
 * layout of defaultTillConfig's weight rules (prefixes 21 and 22, 5-digit PLU).
 */
export function embeddedWeightBarcode(plu: string, grams: number, prefix = '21'): string {
  if (!/^2\d$/.test(prefix)) throw new RangeError(`an in-store prefix is 20–29, got "${prefix}"`);
  if (!/^\d{5}$/.test(plu)) throw new RangeError(`a PLU has 5 digits, got "${plu}"`);
  if (!Number.isInteger(grams) || grams < 1 || grams > 99_999) {
    throw new RangeError(`a label weighs 1 to 99 999 g, got ${grams}`);
  }
  const body = `${prefix}${plu}${String(grams).padStart(5, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}
