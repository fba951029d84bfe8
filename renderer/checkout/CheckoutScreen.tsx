import { useCallback, useState } from 'react';
import { PayPanel } from '../payment/PayPanel';
import { usePos, usePosStore } from '../state/StoreContext';
import { isPayVisible } from '../state/types';
import { CartList } from './CartList';
import { QuantityDialog } from './QuantityDialog';
import { SalePanel } from './SalePanel';
import { Totals } from './Totals';
import { useCheckoutKeys } from './useCheckoutKeys';
import { useReadyForScan } from './useReadyForScan';
import { VoidDialog } from './VoidDialog';
import './checkout.css';

export function CheckoutScreen() {
  const store = usePosStore();
  const cart = usePos((state) => state.cart);
  const payVisible = usePos(isPayVisible);
  const [editingLineId, setEditingLineId] = useState<string | null>(null);
  const [confirmingVoid, setConfirmingVoid] = useState(false);
  const editingLine = cart?.lines.find((line) => line.id === editingLineId) ?? null;
  const dialogOpen = editingLine !== null || confirmingVoid;

  useReadyForScan(cart !== null);

  const editQuantity = useCallback(
    (lineId: string) => {
      const line = store.getState().cart?.lines.find((candidate) => candidate.id === lineId);
      if (line?.fromEmbeddedBarcode) store.reportLocal('LINE_NOT_EDITABLE', 'quantity from the barcode');
      else if (line) setEditingLineId(lineId);
    },
    [store],
  );
  const removeLine = useCallback((lineId: string) => void store.removeLine(lineId), [store]);

  useCheckoutKeys(
    {
      onPay: () => store.openPay(),
      onQuantity: () => {
        const last = cart?.lines.find((line) => line.id === cart.lastLineId) ?? cart?.lines.at(-1);
        if (last && !payVisible) editQuantity(last.id);
      },
    },
    !dialogOpen,
  );

  if (!cart) return <div className="checkout" data-testid="checkout-screen" aria-busy="true" />;

  return (
    <div className="checkout" data-testid="checkout-screen">
      <section className="checkout__cart">
        <CartList cart={cart} locked={payVisible} onEditQuantity={editQuantity} onRemove={removeLine} />
        <Totals cart={cart} />
      </section>
      <aside className="checkout__side">
        {payVisible ? (
          <PayPanel cart={cart} />
        ) : (
          <SalePanel cart={cart} onVoid={() => setConfirmingVoid(true)} />
        )}
      </aside>
      {editingLine && <QuantityDialog line={editingLine} onClose={() => setEditingLineId(null)} />}
      {confirmingVoid && <VoidDialog itemCount={cart.itemCount} onClose={() => setConfirmingVoid(false)} />}
    </div>
  );
}
