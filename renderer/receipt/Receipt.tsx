import type { Receipt as ReceiptValue, Tender } from '../../contract/ipc';
import { useI18n } from '../i18n/context';
import { minus } from '../i18n/format';
import './receipt.css';

function TenderLine({ tender, currency, isReturn }: { tender: Tender; currency: string; isReturn: boolean }) {
  const { t, money } = useI18n();
  return (
    <div className="receipt__tender" data-testid="receipt-tender">
      <div className="receipt__row">
        <span>
          {tender.kind === 'cash' ? t('receipt.cash') : t('receipt.card')}
          {tender.cardMasked && ` ${tender.cardMasked}`}
        </span>
        <span>{money(tender.amountMinor, currency)}</span>
      </div>
      {tender.authCode && (
        <div className="receipt__small">{t('receipt.authCode', { code: tender.authCode })}</div>
      )}
      {!isReturn && tender.kind === 'cash' && tender.receivedMinor !== undefined && (
        <div className="receipt__row receipt__small">
          <span>{t('receipt.received')}</span>
          <span>{money(tender.receivedMinor, currency)}</span>
        </div>
      )}
    </div>
  );
}

/** A receipt as the customer gets it on paper: a sale or a return. */
export function Receipt({ receipt }: { receipt: ReceiptValue }) {
  const { t, money, quantity, rate, dateTime, productName } = useI18n();
  const { currency } = receipt;
  const isReturn = receipt.kind === 'return';
  const paidCash = receipt.tenders.some((tender) => tender.kind === 'cash');

  return (
    <article className="receipt" data-kind={receipt.kind}>
      <header className="receipt__head">
        <strong className="receipt__store">{receipt.store.name}</strong>
        <span>{receipt.store.address}</span>
        <span className="receipt__title">{isReturn ? t('receipt.returnTitle') : t('receipt.saleTitle')}</span>
        <span>
          {t('receipt.number')} <span data-testid="receipt-no">{receipt.receiptNo}</span>
        </span>
        {receipt.originalReceiptNo && <span>{t('receipt.original', { no: receipt.originalReceiptNo })}</span>}
        <span>
          <time dateTime={receipt.createdAt}>{dateTime(receipt.createdAt)}</time> ·{' '}
          {t('receipt.terminal', { code: receipt.terminalCode })}
        </span>
        <span>{t('receipt.cashier', { name: receipt.cashierName })}</span>
      </header>

      <ol className="receipt__lines">
        {receipt.lines.map((line, index) => (
          <li className="receipt__line" data-testid="receipt-line" key={`${index}-${line.barcode}`}>
            <span className="receipt__name">{productName(line.names)}</span>
            <span className="receipt__row">
              <span className="receipt__calc">
                {quantity(line.quantityMilli, line.unit)} {t(line.unit === 'kg' ? 'units.kg' : 'units.piece')}{' '}
                × {money(line.unitPriceMinor, currency)}
              </span>
              <span>{money(line.totalMinor, currency)}</span>
            </span>
            {line.discountMinor > 0 && (
              <span className="receipt__row receipt__small">
                <span>
                  {t('receipt.lineDiscount', { amount: minus(money(line.discountMinor, currency)) })}
                </span>
              </span>
            )}
          </li>
        ))}
      </ol>

      {receipt.discountMinor > 0 && (
        <>
          <div className="receipt__row">
            <span>{t('receipt.subtotal')}</span>
            <span data-testid="receipt-subtotal">
              {money(receipt.totalMinor + receipt.discountMinor, currency)}
            </span>
          </div>
          <div className="receipt__row" data-testid="receipt-discount-row">
            <span>
              {receipt.couponCode ? (
                <>
                  {t('receipt.discount')} ·{' '}
                  <span data-testid="receipt-coupon">
                    {t('receipt.coupon', { code: receipt.couponCode })}
                  </span>
                </>
              ) : (
                t('receipt.discount')
              )}
            </span>
            <span data-testid="receipt-discount">{minus(money(receipt.discountMinor, currency))}</span>
          </div>
        </>
      )}

      <div className="receipt__row receipt__total">
        <span>{isReturn ? t('receipt.refundTotal') : t('receipt.total')}</span>
        <span data-testid="receipt-total">{money(receipt.totalMinor, currency)}</span>
      </div>
      {receipt.taxes.map((tax) => (
        <div className="receipt__row receipt__small" key={tax.rateBp}>
          <span>{t('receipt.vat', { rate: rate(tax.rateBp) })}</span>
          <span>{money(tax.taxMinor, currency)}</span>
        </div>
      ))}

      <div className="receipt__tenders">
        {receipt.tenders.map((tender) => (
          <TenderLine key={tender.id} tender={tender} currency={currency} isReturn={isReturn} />
        ))}
      </div>
      {!isReturn && (paidCash || receipt.changeMinor > 0) && (
        <div className="receipt__row receipt__change">
          <span>{t('receipt.change')}</span>
          <span data-testid="receipt-change">{money(receipt.changeMinor, currency)}</span>
        </div>
      )}
      {receipt.customerCard && (
        <div className="receipt__row receipt__small receipt__card">
          <span data-testid="receipt-card">{t('receipt.loyaltyCard', { card: receipt.customerCard })}</span>
        </div>
      )}
      {!isReturn && <footer className="receipt__thanks">{t('receipt.thanks')}</footer>}
    </article>
  );
}
