// The words a printed receipt carries, in each language the till speaks. The wording follows the
// on-screen receipt (renderer/i18n), so paper and screen say the same; it is repeated here because
// main/ must not import the renderer, and because paper has its own needs (the e-receipt caption).
import type { Locale } from '../../../contract/common';

export interface ReceiptLabels {
  saleTitle: string;
  returnTitle: string;
  /** {no} */
  number: string;
  /** {no} */
  original: string;
  /** {code} */
  terminal: string;
  /** {name} */
  cashier: string;
  total: string;
  refundTotal: string;
  /** {rate} */
  vat: string;
  cash: string;
  card: string;
  /** {code} */
  authCode: string;
  received: string;
  change: string;
  thanks: string;
  /** Printed on a reprint, so a copy is never taken for a second sale. */
  copy: string;
  eReceipt: string;
  piece: string;
  kg: string;
  subtotal: string;
  /** {code} */
  coupon: string;
  /** {card} */
  loyaltyCard: string;
}

export const receiptLabels: Record<Locale, ReceiptLabels> = {
  ru: {
    saleTitle: 'Кассовый чек',
    returnTitle: 'Чек возврата',
    number: 'Чек № {no}',
    original: 'Возврат по чеку {no}',
    terminal: 'Касса {code}',
    cashier: 'Кассир: {name}',
    total: 'Итого',
    refundTotal: 'Возвращено',
    vat: 'в т. ч. НДС {rate}',
    cash: 'Наличные',
    card: 'Карта',
    authCode: 'Код авторизации {code}',
    received: 'Получено',
    change: 'Сдача',
    thanks: 'Спасибо за покупку!',
    copy: 'КОПИЯ',
    eReceipt: 'Электронный чек',
    piece: 'шт.',
    kg: 'кг',
    subtotal: 'Сумма без скидки',
    coupon: 'Купон {code}',
    loyaltyCard: 'Карта клиента {card}',
  },
  en: {
    saleTitle: 'Sales receipt',
    returnTitle: 'Return receipt',
    number: 'Receipt No. {no}',
    original: 'Return for receipt {no}',
    terminal: 'Till {code}',
    cashier: 'Cashier: {name}',
    total: 'Total',
    refundTotal: 'Refunded',
    vat: 'incl. VAT {rate}',
    cash: 'Cash',
    card: 'Card',
    authCode: 'Auth code {code}',
    received: 'Received',
    change: 'Change',
    thanks: 'Thank you for shopping with us!',
    copy: 'COPY',
    eReceipt: 'E-receipt',
    piece: 'pcs',
    kg: 'kg',
    subtotal: 'Subtotal',
    coupon: 'Coupon {code}',
    loyaltyCard: 'Loyalty card {card}',
  },
  'zh-CN': {
    saleTitle: '销售小票',
    returnTitle: '退货小票',
    number: '小票号 {no}',
    original: '原小票 {no} 退货',
    terminal: '收银台 {code}',
    cashier: '收银员：{name}',
    total: '合计',
    refundTotal: '退款合计',
    vat: '含增值税 {rate}',
    cash: '现金',
    card: '银行卡',
    authCode: '授权码 {code}',
    received: '实收',
    change: '找零',
    thanks: '谢谢惠顾，欢迎再次光临！',
    copy: '副本',
    eReceipt: '电子小票',
    piece: '件',
    kg: '千克',
    subtotal: '小计',
    coupon: '优惠券 {code}',
    loyaltyCard: '会员卡 {card}',
  },
};

/** Fills {placeholders}; a missing value leaves the placeholder visible rather than printing nothing. */
export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
