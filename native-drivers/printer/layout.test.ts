import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textColumns } from './charset';
import type { ReceiptDocument } from './document';
import { layoutReceipt, leftRight, wrapText } from './layout';
import { printerProfiles } from './profiles';

const xprinter = printerProfiles['xprinter-xp-80'];
const xp58 = printerProfiles['xprinter-xp-58'];
const epson = printerProfiles['epson-tm-t88'];

const document: ReceiptDocument = {
  header: [
    { text: 'Омнитилл', large: true },
    { text: 'Кассовый чек', bold: true },
  ],
  items: [{ name: 'Молоко 3,2 % 1 л', quantity: '2 шт.', unitPrice: '89,90', total: '179,80' }],
  total: { label: 'Итого', amount: '179,80 RUB' },
  taxes: [{ label: 'в т. ч. НДС 10 %', amount: '16,35' }],
  tenders: [{ label: 'Наличные', amount: '179,80', details: [{ label: 'Получено', amount: '200,00' }] }],
  change: { label: 'Сдача', amount: '20,20' },
  footer: [{ text: 'Спасибо за покупку!' }],
  barcode: { symbology: 'code128', data: '0042-03-000017' },
  qr: null,
  openDrawer: true,
};

describe('receipt layout', () => {
  it('counts a Chinese character as two columns on a GBK printer, one "?" where it cannot print', () => {
    expect(textColumns(xprinter, '牛奶 1升 x 2')).toBe(12);
    expect(textColumns(epson, '牛奶 1升 x 2')).toBe(9);
    expect(textColumns(xprinter, 'Молоко')).toBe(6);
  });

  it('wraps Chinese between any two characters and Russian at spaces', () => {
    expect(wrapText(xprinter, '法国波尔多产区干红葡萄酒750毫升（进口）', 16)).toEqual([
      '法国波尔多产区干',
      '红葡萄酒750毫升',
      '（进口）',
    ]);
    expect(wrapText(epson, 'Вино красное сухое «Кубань» 0,75 л', 20)).toEqual([
      'Вино красное сухое',
      '«Кубань» 0,75 л',
    ]);
    expect(wrapText(epson, 'Сверхдлинноеназвание', 8)).toEqual(['Сверхдли', 'нноеназв', 'ание']);
  });

  it('right-aligns an amount to the last column, below a wrapped label', () => {
    // 含增值税 takes 8 columns: 12 + 15 spaces + 5 = 32.
    expect(leftRight(xp58, '含增值税 13%', '19.33', 32)).toEqual([`含增值税 13%${' '.repeat(15)}19.33`]);
    const lines = leftRight(xp58, 'Очень длинное название позиции чека', '1 234,50', 32, '  ');
    expect(lines).toEqual(['  Очень длинное', '  название позиции чека 1 234,50']);
    expect(lines.every((line) => textColumns(xp58, line) <= 32)).toBe(true);
  });

  it('never lets a line run past the paper, in any language mix', () => {
    const alphabet = fc.constantFrom('牛', '奶', '（', 'М', 'о', 'л', 'x', '1', ' ', ' ', '«');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 120 }), fc.constantFrom(32, 42, 48), (letters, width) => {
        const text = letters.join('');
        const lines = wrapText(xprinter, text, width);
        expect(lines.every((line) => textColumns(xprinter, line) <= width)).toBe(true);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
        for (const line of leftRight(xprinter, text, '1 234,50', width, '  ')) {
          expect(textColumns(xprinter, line)).toBeLessThanOrEqual(width);
        }
      }),
    );
  });

  it('prints the store name double size when it fits half the line, bold otherwise', () => {
    const ops = layoutReceipt(document, epson);
    expect(ops[0]).toEqual({ kind: 'drawer' });
    expect(ops[1]).toEqual({
      kind: 'text',
      text: 'Омнитилл',
      align: 'center',
      bold: true,
      width: 2,
      height: 2,
    });
    const long = { ...document, header: [{ text: 'Омнитилл Казань, торговый центр «Кольцо»', large: true }] };
    expect(layoutReceipt(long, xp58).slice(1, 3)).toEqual([
      {
        kind: 'text',
        text: 'Омнитилл Казань, торговый центр',
        align: 'center',
        bold: true,
        width: 1,
        height: 1,
      },
      { kind: 'text', text: '«Кольцо»', align: 'center', bold: true, width: 1, height: 1 },
    ]);
  });

  it('prints the total bold and tall, the barcode centred, and ends with a cut', () => {
    const ops = layoutReceipt(document, xp58);
    expect(ops).toContainEqual({
      kind: 'text',
      text: 'Итого                 179,80 RUB',
      align: 'left',
      bold: true,
      width: 1,
      height: 2,
    });
    expect(ops.slice(-2)).toEqual([
      { kind: 'barcode', symbology: 'code128', data: '0042-03-000017' },
      { kind: 'cut', mode: 'partial' },
    ]);
  });
});
