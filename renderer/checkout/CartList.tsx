import { useLayoutEffect, useRef } from 'react';
import type { Cart } from '../../contract/ipc';
import { useI18n } from '../i18n/context';
import { CartRow } from './CartRow';

interface CartListProps {
  cart: Cart;
  locked: boolean;
  onEditQuantity(lineId: string): void;
  onRemove(lineId: string): void;
}

export function CartList({ cart, locked, onEditQuantity, onRemove }: CartListProps) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const lastMark = useRef('');

  // The line the last scan or edit touched is brought into view, and its row marked for the
  // scan-to-row benchmark once it is in the DOM.
  useLayoutEffect(() => {
    const lineId = cart.lastLineId;
    if (!lineId) return;
    const row = scroller.current?.querySelector(`[data-line-id="${CSS.escape(lineId)}"]`);
    row?.scrollIntoView({ block: 'nearest' });
    const line = cart.lines.find((candidate) => candidate.id === lineId);
    if (!line) return;
    const mark = `cart-row:${lineId}:${line.quantityMilli}`;
    if (mark !== lastMark.current) {
      lastMark.current = mark;
      performance.mark(mark);
    }
  }, [cart]);

  if (cart.lines.length === 0) {
    return (
      <div className="cart-list cart-list--empty">
        <p>{t('checkout.empty')}</p>
      </div>
    );
  }

  return (
    <div className="cart-list" ref={scroller}>
      <table className="cart-table">
        <thead>
          <tr>
            <th className="cart-row__name">{t('checkout.colItem')}</th>
            <th className="cart-row__qty">{t('checkout.colQty')}</th>
            <th className="cart-row__price">{t('checkout.colPrice')}</th>
            <th className="cart-row__total">{t('checkout.colTotal')}</th>
            <th className="cart-row__remove" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {cart.lines.map((line) => (
            <CartRow
              key={line.id}
              line={line}
              currency={cart.currency}
              touched={line.id === cart.lastLineId}
              locked={locked}
              onEditQuantity={onEditQuantity}
              onRemove={onRemove}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
