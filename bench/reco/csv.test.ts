import { describe, expect, it } from 'vitest';
import { parseDate, parseTransactions, splitCsvLine } from './csv';

// The first rows of the UCI Online Retail file, in its own column names and date format.
const uci = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom',
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,2,12/1/2010 8:26,2.55,17850,United Kingdom',
  '536366,22633,"HAND WARMER, UNION JACK",6,12/1/2010 8:28,1.85,17850.0,United Kingdom',
  'C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom',
  '536414,22139,,56,12/1/2010 11:52,0,,United Kingdom',
  '536415,22140,BROKEN,abc,12/1/2010 11:53,1,14527,United Kingdom',
  '536416,22141,LATE,1,someday,1,14527,United Kingdom',
];

describe('parseTransactions', () => {
  it('reads the UCI Online Retail columns and groups lines into baskets by invoice', async () => {
    const result = await parseTransactions(uci);
    if (!result.ok) throw new Error(result.error.message);
    const { baskets, products, rows, skipped } = result.value;
    expect(rows).toBe(8);
    expect(products).toBe(3);
    expect(baskets).toEqual([
      {
        customerId: '17850',
        at: Date.UTC(2010, 11, 1, 8, 26),
        items: [
          { productId: 1, quantity: 6 },
          { productId: 2, quantity: 6 },
          { productId: 1, quantity: 2 },
        ],
      },
      { customerId: '17850', at: Date.UTC(2010, 11, 1, 8, 28), items: [{ productId: 3, quantity: 6 }] },
    ]);
    expect(skipped).toEqual({
      returns: 1,
      noCustomer: 1,
      badQuantity: 1,
      badDate: 1,
      noItem: 0,
      malformed: 0,
    });
  });

  it('matches header names whatever their case and spacing (Online Retail II, plain names)', async () => {
    const plain = ['Invoice;Item;QTY;Date;Customer ID', '1;milk;2;2024-05-01 10:00:00;c1'];
    const result = await parseTransactions(plain);
    expect(result.ok && result.value.baskets).toEqual([
      { customerId: 'c1', at: Date.UTC(2024, 4, 1, 10), items: [{ productId: 1, quantity: 2 }] },
    ]);
  });

  it('names the missing column and the header it found', async () => {
    const result = await parseTransactions(['invoice,item,quantity,date', '1,milk,1,2024-05-01']);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'MISSING_COLUMN',
        message: expect.stringMatching(/no column for customer .*invoice, item/),
      },
    });
  });

  it('reports an empty file', async () => {
    expect(await parseTransactions(['', '  '])).toEqual({
      ok: false,
      error: { code: 'EMPTY_FILE', message: 'The CSV has no header row' },
    });
  });

  it('counts a line with an unclosed quote as malformed', async () => {
    const result = await parseTransactions([
      'invoice,item,quantity,date,customer',
      '1,"milk,1,2024-05-01,c1',
    ]);
    expect(result.ok && result.value.skipped.malformed).toBe(1);
  });
});

describe('splitCsvLine', () => {
  it('keeps delimiters and doubled quotes inside quoted fields', () => {
    expect(splitCsvLine('a,"b, ""c""",d', ',')).toEqual(['a', 'b, "c"', 'd']);
  });
});

describe('parseDate', () => {
  it('reads ISO, US month-first and European day-first dates as UTC', () => {
    expect(parseDate('2010-12-01 08:26:00')).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseDate('12/1/2010 8:26')).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseDate('25/12/2010')).toBe(Date.UTC(2010, 11, 25));
    expect(parseDate('01.12.2010 08:26')).toBe(Date.UTC(2010, 11, 1, 8, 26));
  });

  it('refuses what is not a date', () => {
    expect(parseDate('someday')).toBeNull();
    expect(parseDate('2010-13-01')).toBeNull();
  });
});
