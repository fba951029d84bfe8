// Realistic receipts for the printing tests and the receipt benchmark: a Kazan grocery's sale (cash,
// a weighed item, three VAT rates, a "7 × 14" bandage), the same sale paid by card, a Shanghai
// store's sale in yuan paid by card and cash, and a cash return.
import type { Receipt, StoreInfo } from '../../../contract/ipc';
import { taxTotals } from '../../domain/tax';

type ReceiptLine = Receipt['lines'][number];

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const kazanStore: StoreInfo = {
  code: '0042',
  name: 'Омнитилл',
  address: 'Казань, ул. Баумана, 10',
  currency: 'RUB',
  locale: 'ru',
};

const shanghaiStore: StoreInfo = {
  code: '0107',
  name: '欧米超市',
  address: '上海市静安区南京西路1266号',
  currency: 'CNY',
  locale: 'zh-CN',
};

const line = (
  names: Record<string, string>,
  unit: 'piece' | 'kg',
  quantityMilli: number,
  unitPriceMinor: number,
  totalMinor: number,
  taxRateBp: number,
  barcode: string,
): ReceiptLine => ({
  names,
  barcode,
  unit,
  quantityMilli,
  unitPriceMinor,
  totalMinor,
  discountMinor: 0,
  taxRateBp,
});

const kazanLines = {
  milk: line(
    { ru: 'Молоко 3,2 % 1 л', en: 'Milk 3.2% 1 L', 'zh-CN': '牛奶3.2% 1升' },
    'piece',
    2000,
    8990,
    17980,
    1000,
    '4600512000015',
  ),
  bread: line(
    { ru: 'Хлеб Бородинский', en: 'Borodinsky bread' },
    'piece',
    1000,
    4590,
    4590,
    1000,
    '4607001770015',
  ),
  wine: line(
    { ru: 'Вино красное сухое «Кубань» 0,75 л', en: 'Dry red wine "Kuban" 0.75 l' },
    'piece',
    1000,
    89900,
    89900,
    2000,
    '5901234123457',
  ),
  apples: line(
    { ru: 'Яблоки Гала, весовые', en: 'Gala apples, loose' },
    'kg',
    455,
    14990,
    6820,
    1000,
    '2100123004558',
  ),
  bandage: line(
    { ru: 'Бинт стерильный 7 × 14', en: 'Sterile bandage 7 × 14' },
    'piece',
    1000,
    15000,
    15000,
    0,
    '4006381333931',
  ),
};

const kazanSaleLines = Object.values(kazanLines);
const kazanTotal = kazanSaleLines.reduce((sum, item) => sum + item.totalMinor, 0);

export const kazanCashSale: Receipt = {
  kind: 'sale',
  id: uuid(1),
  receiptNo: '0042-03-000017',
  originalReceiptNo: null,
  createdAt: '2025-11-23T11:38:00.000Z',
  store: kazanStore,
  terminalCode: '03',
  cashierName: 'Анна Петрова',
  currency: 'RUB',
  lines: kazanSaleLines,
  customerCard: null,
  couponCode: null,
  discountMinor: 0,
  totalMinor: kazanTotal,
  taxes: taxTotals(kazanSaleLines),
  tenders: [
    {
      id: uuid(11),
      kind: 'cash',
      amountMinor: kazanTotal,
      receivedMinor: 150_000,
      changeMinor: 150_000 - kazanTotal,
    },
  ],
  changeMinor: 150_000 - kazanTotal,
};

export const kazanCardSale: Receipt = {
  ...kazanCashSale,
  id: uuid(2),
  receiptNo: '0042-03-000018',
  createdAt: '2025-11-23T11:52:00.000Z',
  cashierName: 'Anna Petrova',
  tenders: [
    {
      id: uuid(12),
      kind: 'card',
      amountMinor: kazanTotal,
      cardMasked: '**** 4242',
      authCode: '318274',
      terminalRef: 'T-000091',
    },
  ],
  changeMinor: 0,
};

const returnedLines = [{ ...kazanLines.wine }, { ...kazanLines.milk, quantityMilli: 1000, totalMinor: 8990 }];
const returnedTotal = returnedLines.reduce((sum, item) => sum + item.totalMinor, 0);

export const kazanCashReturn: Receipt = {
  kind: 'return',
  id: uuid(3),
  receiptNo: '0042-03-R000003',
  originalReceiptNo: '0042-03-000017',
  createdAt: '2025-11-24T07:05:00.000Z',
  store: kazanStore,
  terminalCode: '03',
  cashierName: 'Иван Соколов',
  currency: 'RUB',
  lines: returnedLines,
  customerCard: null,
  couponCode: null,
  discountMinor: 0,
  totalMinor: returnedTotal,
  taxes: taxTotals(returnedLines),
  tenders: [{ id: uuid(13), kind: 'cash', amountMinor: returnedTotal }],
  changeMinor: 0,
};

const shanghaiLines = [
  line({ 'zh-CN': '牛奶3.2% 1升', en: 'Milk 3.2% 1 L' }, 'piece', 2000, 1250, 2500, 900, '6901234567892'),
  line(
    { 'zh-CN': '开菲尔酸奶2.5% 900克', en: 'Kefir 2.5% 900 g' },
    'piece',
    1000,
    1890,
    1890,
    900,
    '6901234567908',
  ),
  line(
    { 'zh-CN': '富士苹果（散装）', en: 'Fuji apples, loose' },
    'kg',
    862,
    1580,
    1362,
    900,
    '2100456008621',
  ),
  line(
    { 'zh-CN': '法国波尔多产区干红葡萄酒750毫升（进口）', en: 'Bordeaux dry red wine 750 ml (imported)' },
    'piece',
    1000,
    16800,
    16800,
    1300,
    '3012345678900',
  ),
];
const shanghaiTotal = shanghaiLines.reduce((sum, item) => sum + item.totalMinor, 0);

export const shanghaiSale: Receipt = {
  kind: 'sale',
  id: uuid(4),
  receiptNo: '0107-01-000512',
  originalReceiptNo: null,
  createdAt: '2025-11-23T06:15:00.000Z',
  store: shanghaiStore,
  terminalCode: '01',
  cashierName: '李伟',
  currency: 'CNY',
  lines: shanghaiLines,
  customerCard: null,
  couponCode: null,
  discountMinor: 0,
  totalMinor: shanghaiTotal,
  taxes: taxTotals(shanghaiLines),
  tenders: [
    { id: uuid(14), kind: 'card', amountMinor: 10_000, cardMasked: '**** 8888', authCode: '650213' },
    {
      id: uuid(15),
      kind: 'cash',
      amountMinor: shanghaiTotal - 10_000,
      receivedMinor: 13_000,
      changeMinor: 13_000 - (shanghaiTotal - 10_000),
    },
  ],
  changeMinor: 13_000 - (shanghaiTotal - 10_000),
};

/** A sale of `count` lines cycling through the Kazan products, for the benchmark. */
export function longSale(count: number): Receipt {
  const lines = Array.from(
    { length: count },
    (_, i) => kazanSaleLines[i % kazanSaleLines.length] as ReceiptLine,
  );
  const total = lines.reduce((sum, item) => sum + item.totalMinor, 0);
  return {
    ...kazanCashSale,
    lines,
    totalMinor: total,
    taxes: taxTotals(lines),
    tenders: [{ id: uuid(16), kind: 'cash', amountMinor: total, receivedMinor: total, changeMinor: 0 }],
    changeMinor: 0,
  };
}
