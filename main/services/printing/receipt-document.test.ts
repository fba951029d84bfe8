import { describe, expect, it } from 'vitest';
import { eReceiptLink, receiptDocument } from './receipt-document';
import { kazanCardSale, kazanCashReturn, kazanCashSale, shanghaiSale } from './sample-receipts';

const moscow = { timeZone: 'Europe/Moscow' };

describe('receipt document for the printer', () => {
  it('prints a Russian cash sale with Russian labels, amounts and a drawer kick', () => {
    const document = receiptDocument(kazanCashSale, { locale: 'ru', ...moscow });
    expect(document.header.map((line) => line.text)).toEqual([
      'Омнитилл',
      'Казань, ул. Баумана, 10',
      'Кассовый чек',
      'Чек № 0042-03-000017',
      '23.11.2025, 14:38 · Касса 03',
      'Кассир: Анна Петрова',
    ]);
    expect(document.items[3]).toEqual({
      name: 'Яблоки Гала, весовые',
      quantity: '0,455 кг',
      unitPrice: '149,90',
      total: '68,20',
    });
    expect(document.total).toEqual({ label: 'Итого', amount: '1 342,90 RUB' });
    expect(document.taxes.map((tax) => `${tax.label} ${tax.amount}`)).toEqual([
      'в т. ч. НДС 20 % 149,83',
      'в т. ч. НДС 10 % 26,72',
      'в т. ч. НДС 0 % 0,00',
    ]);
    expect(document.tenders).toEqual([
      { label: 'Наличные', amount: '1 342,90', details: [{ label: 'Получено', amount: '1 500,00' }] },
    ]);
    expect(document.change).toEqual({ label: 'Сдача', amount: '157,10' });
    expect(document.openDrawer).toBe(true);
    expect(document.barcode).toEqual({ symbology: 'code128', data: '0042-03-000017' });
  });

  it('prints the loyalty card, each line at its own price, then the subtotal and the coupon above the total', () => {
    const line = kazanCashSale.lines[0];
    if (!line) throw new Error('sample has lines');
    const discounted = {
      ...kazanCashSale,
      customerCard: '•••• 3456',
      couponCode: 'BDAY-7',
      discountMinor: 1_000,
      totalMinor: line.totalMinor - 1_000,
      lines: [{ ...line, totalMinor: line.totalMinor - 1_000, discountMinor: 1_000 }],
    };
    const document = receiptDocument(discounted, { locale: 'ru', ...moscow });
    expect(document.header.at(-1)?.text).toBe('Карта клиента •••• 3456');
    expect(document.items[0]?.total).toBe(receiptDocument(kazanCashSale, { locale: 'ru' }).items[0]?.total);
    expect(document.adjustments?.map((row) => row.label)).toEqual(['Сумма без скидки', 'Купон BDAY-7']);
    expect(document.adjustments?.[1]?.amount).toBe('−10,00');
    expect(receiptDocument(kazanCashSale, { locale: 'ru' }).adjustments).toEqual([]);
  });

  it('uses plain spaces wherever Intl puts no-break ones', () => {
    const document = receiptDocument(kazanCardSale, { locale: 'en', ...moscow });
    const texts = [...document.header.map((line) => line.text), document.total.amount];
    expect(texts.join('')).not.toMatch(/[\u00a0\u202f\u2009]/);
    expect(document.header[4]?.text).toBe('11/23/25, 2:52 PM · Till 03');
    expect(document.total.amount).toBe('RUB 1,342.90');
  });

  it('prints a card sale without a drawer kick or change, with the masked card and auth code', () => {
    const document = receiptDocument(kazanCardSale, { locale: 'en', ...moscow });
    expect(document.openDrawer).toBe(false);
    expect(document.change).toBeNull();
    expect(document.tenders).toEqual([
      { label: 'Card **** 4242', amount: '1,342.90', details: [{ label: 'Auth code 318274', amount: '' }] },
    ]);
  });

  it('prints a return with its own title, the original receipt, the refund and a cash drawer kick', () => {
    const document = receiptDocument(kazanCashReturn, { locale: 'ru', ...moscow });
    expect(document.header.map((line) => line.text)).toContain('Чек возврата');
    expect(document.header.map((line) => line.text)).toContain('Возврат по чеку 0042-03-000017');
    expect(document.total).toEqual({ label: 'Возвращено', amount: '988,90 RUB' });
    expect(document.tenders).toEqual([{ label: 'Наличные', amount: '988,90', details: [] }]);
    expect(document.change).toBeNull();
    expect(document.footer).toEqual([]);
    expect(document.openDrawer).toBe(true);
    expect(document.barcode).toEqual({ symbology: 'code128', data: '0042-03-R000003' });
  });

  it('prints Chinese names and labels, and the store-language name where a product has no Chinese one', () => {
    const chinese = receiptDocument(shanghaiSale, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(chinese.header[2]).toEqual({ text: '销售小票', bold: true });
    expect(chinese.items[0]).toEqual({
      name: '牛奶3.2% 1升',
      quantity: '2 件',
      unitPrice: '12.50',
      total: '25.00',
    });
    expect(chinese.total).toEqual({ label: '合计', amount: 'CNY 225.52' });
    const kazanInChinese = receiptDocument(kazanCashSale, { locale: 'zh-CN', ...moscow });
    expect(kazanInChinese.items.map((item) => item.name).slice(0, 2)).toEqual([
      '牛奶3.2% 1升',
      'Хлеб Бородинский',
    ]);
  });

  it('adds the e-receipt QR code from a configurable pattern, escaping what it fills in', () => {
    const document = receiptDocument(kazanCashReturn, {
      locale: 'en',
      eReceiptUrl: 'https://r.omnitill.example/{store}/{receiptNo}?t={terminal}',
    });
    expect(document.qr).toEqual({
      payload: 'https://r.omnitill.example/0042/0042-03-R000003?t=03',
      caption: 'E-receipt',
    });
    expect(eReceiptLink('https://x.example/{receiptNo}', { ...kazanCashSale, receiptNo: 'A/B C' })).toBe(
      'https://x.example/A%2FB%20C',
    );
    expect(receiptDocument(kazanCashSale, { locale: 'ru' }).qr).toBeNull();
  });

  it('adds store lines and footer lines, and leaves the barcode out when asked', () => {
    const document = receiptDocument(kazanCashSale, {
      locale: 'ru',
      storeLines: ['ООО «Омнитилл», ИНН 1655000000'],
      footerLines: ['Обмен и возврат в течение 14 дней'],
      receiptBarcode: false,
    });
    expect(document.header[2]).toEqual({ text: 'ООО «Омнитилл», ИНН 1655000000' });
    expect(document.footer.map((line) => line.text)).toEqual([
      'Спасибо за покупку!',
      'Обмен и возврат в течение 14 дней',
    ]);
    expect(document.barcode).toBeNull();
  });
});
