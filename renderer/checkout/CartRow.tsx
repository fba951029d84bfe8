import { memo } from 'react';
import type { CartLine } from '../../contract/ipc';
import { useI18n } from '../i18n/context';
import { minus } from '../i18n/format';

interface CartRowProps {
  line: CartLine;
  currency: string;
  touched: boolean;
  locked: boolean;
  onEditQuantity(lineId: string): void;
  onRemove(lineId: string): void;
}

export const CartRow = memo(function CartRow({
  line,
  currency,
  touched,
  locked,
  onEditQuantity,
  onRemove,
}: CartRowProps) {
  const { t, money, quantity, productName } = useI18n();
  const name = productName(line.names);
  return (
    <tr
      className={touched ? 'cart-row cart-row--touched' : 'cart-row'}
      data-testid="cart-line"
      data-barcode={line.barcode}
      data-line-id={line.id}
      aria-current={touched ? 'true' : undefined}
    >
      <td className="cart-row__name" data-testid="line-name">
        {name}
      </td>
      <td className="cart-row__qty">
        <button
          type="button"
          className="qty-button"
          data-testid="line-qty-edit"
          disabled={locked || line.fromEmbeddedBarcode}
          title={line.fromEmbeddedBarcode ? t('checkout.weighed') : undefined}
          aria-label={t('checkout.editQty', { name })}
          onClick={() => onEditQuantity(line.id)}
        >
          <span data-testid="line-qty">{quantity(line.quantityMilli, line.unit)}</span>
          <span className="qty-button__unit">{t(line.unit === 'kg' ? 'units.kg' : 'units.piece')}</span>
        </button>
      </td>
      <td className="cart-row__price">{money(line.unitPriceMinor, currency)}</td>
      <td className="cart-row__total">
        <span data-testid="line-total">{money(line.totalMinor, currency)}</span>
        {line.discountMinor > 0 && (
          <span className="cart-row__discount" data-testid="line-discount">
            {t('checkout.lineDiscount', { amount: minus(money(line.discountMinor, currency)) })}
          </span>
        )}
      </td>
      <td className="cart-row__remove">
        <button
          type="button"
          className="remove-button"
          data-testid="line-remove"
          disabled={locked}
          aria-label={t('checkout.remove', { name })}
          onClick={() => onRemove(line.id)}
        >
          ×
        </button>
      </td>
    </tr>
  );
});
