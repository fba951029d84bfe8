import { useState } from 'react';
import type { ReturnableSale } from '../../contract/ipc';
import { useI18n } from '../i18n/context';
import { editableQuantity } from '../i18n/format';
import { parseQuantity } from '../i18n/parse';
import { usePosStore } from '../state/StoreContext';
import { refundFor, remainingMilli } from './refund';

interface Choice {
  selected: boolean;
  text: string;
}

export function ReturnSelection({ sale, busy }: { sale: ReturnableSale; busy: boolean }) {
  const store = usePosStore();
  const { t, locale, money, quantity, productName, dateTime } = useI18n();
  // One id for everything done on this screen for this sale: a repeated confirm cannot refund twice.
  const [returnId] = useState(() => crypto.randomUUID());
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(
      sale.lines.map((line) => [
        line.saleLineId,
        { selected: false, text: editableQuantity(remainingMilli(line), line.unit, locale) },
      ]),
    ),
  );
  const voided = sale.status === 'voided';

  const chosen = sale.lines.flatMap((line) => {
    const choice = choices[line.saleLineId];
    if (!choice?.selected) return [];
    const milli = parseQuantity(choice.text, line.unit);
    return [{ line, milli }];
  });
  const refundMinor = chosen.reduce(
    (sum, { line, milli }) => sum + (milli === null ? 0 : refundFor(line, milli)),
    0,
  );

  const update = (saleLineId: string, patch: Partial<Choice>) =>
    setChoices((current) => {
      const previous = current[saleLineId] ?? { selected: false, text: '' };
      return { ...current, [saleLineId]: { ...previous, ...patch } };
    });

  const confirm = () => {
    if (busy || voided) return;
    if (chosen.length === 0) {
      store.reportLocal('NOTHING_TO_RETURN', 'no line selected');
      return;
    }
    if (chosen.some(({ milli }) => milli === null)) {
      store.reportLocal('BAD_QUANTITY', 'a return quantity is not valid');
      return;
    }
    if (chosen.some(({ line, milli }) => (milli ?? 0) > remainingMilli(line))) {
      store.reportLocal('RETURN_EXCEEDS_SOLD', 'more than remains on the receipt');
      return;
    }
    void store.completeReturn({
      returnId,
      saleId: sale.saleId,
      lines: chosen.map(({ line, milli }) => ({ saleLineId: line.saleLineId, quantityMilli: milli ?? 0 })),
    });
  };

  return (
    <div className="return-selection">
      <p className="return-selection__sale">
        {t('returns.saleOf', { no: sale.receiptNo, date: dateTime(sale.createdAt) })} ·{' '}
        {money(sale.totalMinor, sale.currency)}
      </p>
      {voided ? (
        <p className="return-selection__warning" role="status">
          {t('errors.SALE_VOIDED')}
        </p>
      ) : (
        <p className="return-selection__hint">{t('returns.selectLines')}</p>
      )}
      <div className="return-selection__table">
        <table className="return-table">
          <thead>
            <tr>
              <th aria-hidden="true" />
              <th className="return-table__name">{t('returns.colItem')}</th>
              <th>{t('returns.colSold')}</th>
              <th>{t('returns.colReturned')}</th>
              <th>{t('returns.colQty')}</th>
              <th>{t('returns.colAmount')}</th>
            </tr>
          </thead>
          <tbody>
            {sale.lines.map((line) => {
              const choice = choices[line.saleLineId] ?? { selected: false, text: '' };
              const remaining = remainingMilli(line);
              const milli = parseQuantity(choice.text, line.unit);
              const invalid = choice.selected && (milli === null || milli > remaining);
              const name = productName(line.names);
              const unit = t(line.unit === 'kg' ? 'units.kg' : 'units.piece');
              return (
                <tr
                  key={line.saleLineId}
                  className={choice.selected ? 'return-row return-row--selected' : 'return-row'}
                  data-testid="return-line"
                  data-sale-line-id={line.saleLineId}
                >
                  <td className="return-row__select">
                    <input
                      type="checkbox"
                      data-testid="return-line-select"
                      aria-label={t('returns.select', { name })}
                      checked={choice.selected}
                      disabled={remaining === 0 || voided || busy}
                      onChange={(event) => update(line.saleLineId, { selected: event.target.checked })}
                    />
                  </td>
                  <td className="return-table__name">
                    {name}
                    {remaining === 0 && (
                      <span className="return-row__done"> · {t('returns.fullyReturned')}</span>
                    )}
                  </td>
                  <td>
                    {quantity(line.quantityMilli, line.unit)} {unit}
                  </td>
                  <td>
                    {quantity(line.returnedMilli, line.unit)} {unit}
                  </td>
                  <td>
                    <input
                      className="return-row__qty"
                      data-testid="return-line-qty"
                      inputMode={line.unit === 'kg' ? 'decimal' : 'numeric'}
                      autoComplete="off"
                      aria-label={t('returns.colQty')}
                      aria-invalid={invalid}
                      value={choice.text}
                      disabled={remaining === 0 || voided || busy}
                      onFocus={(event) => event.target.select()}
                      onChange={(event) =>
                        update(line.saleLineId, { text: event.target.value, selected: true })
                      }
                    />
                  </td>
                  <td className="return-row__amount">
                    {money(choice.selected && milli !== null ? refundFor(line, milli) : 0, sale.currency)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <footer className="return-selection__footer">
        <div className="return-selection__refund-to">
          <span className="return-selection__label">{t('returns.refundTo')}</span>
          <ul>
            {sale.tenders.map((tender) => (
              <li key={tender.id}>
                {tender.kind === 'cash' ? t('payment.cash') : t('payment.card')}
                {tender.cardMasked && ` ${tender.cardMasked}`}
              </li>
            ))}
          </ul>
        </div>
        <div className="return-selection__total">
          <span className="return-selection__label">{t('returns.total')}</span>
          <span className="return-selection__amount" data-testid="return-total">
            {money(refundMinor, sale.currency)}
          </span>
        </div>
        <button
          type="button"
          className="button button--pay"
          data-testid="return-confirm"
          disabled={busy || voided}
          onClick={confirm}
        >
          {t('returns.confirm')}
        </button>
      </footer>
    </div>
  );
}
