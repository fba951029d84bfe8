import { useCallback, useState } from 'react';
import { CustomerPanel } from '../customer/CustomerPanel';
import { EnrolDialog } from '../customer/EnrolDialog';
import type { EnrolPrefill } from '../customer/enrolPrefill';
import { IdentifyDialog } from '../customer/IdentifyDialog';
import { SaveBagDialog } from '../customer/SaveBagDialog';
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

type CustomerDialog = { kind: 'identify' } | { kind: 'enrol'; prefill: EnrolPrefill } | { kind: 'save-bag' };

export function CheckoutScreen() {
  const store = usePosStore();
  const cart = usePos((state) => state.cart);
  const payVisible = usePos(isPayVisible);
  const [editingLineId, setEditingLineId] = useState<string | null>(null);
  const [confirmingVoid, setConfirmingVoid] = useState(false);
  const [customerDialog, setCustomerDialog] = useState<CustomerDialog | null>(null);
  const editingLine = cart?.lines.find((line) => line.id === editingLineId) ?? null;
  const dialogOpen = editingLine !== null || confirmingVoid || customerDialog !== null;
  const customer = cart?.customer ?? null;

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
  const closeCustomerDialog = useCallback(() => setCustomerDialog(null), []);
  const identify = useCallback(() => setCustomerDialog({ kind: 'identify' }), []);

  useCheckoutKeys(
    {
      onPay: () => store.openPay(),
      onQuantity: () => {
        const last = cart?.lines.find((line) => line.id === cart.lastLineId) ?? cart?.lines.at(-1);
        if (last && !payVisible) editQuantity(last.id);
      },
      onCustomer: identify,
    },
    !dialogOpen,
  );

  if (!cart) return <div className="checkout" data-testid="checkout-screen" aria-busy="true" />;

  const layout = ['checkout', customer && 'checkout--customer', payVisible && 'checkout--paying']
    .filter(Boolean)
    .join(' ');

  return (
    <div className={layout} data-testid="checkout-screen">
      <section className="checkout__cart">
        <CartList cart={cart} locked={payVisible} onEditQuantity={editQuantity} onRemove={removeLine} />
        <Totals cart={cart} locked={payVisible} />
      </section>
      {customer && (
        <aside className="checkout__customer">
          <CustomerPanel
            key={customer.id}
            cart={cart}
            customer={customer}
            locked={payVisible}
            onSaveBag={() => setCustomerDialog({ kind: 'save-bag' })}
          />
        </aside>
      )}
      <aside className="checkout__side">
        {payVisible ? (
          <PayPanel cart={cart} />
        ) : (
          <SalePanel cart={cart} onVoid={() => setConfirmingVoid(true)} onIdentify={identify} />
        )}
      </aside>
      {editingLine && <QuantityDialog line={editingLine} onClose={() => setEditingLineId(null)} />}
      {confirmingVoid && <VoidDialog itemCount={cart.itemCount} onClose={() => setConfirmingVoid(false)} />}
      {customerDialog?.kind === 'identify' && (
        <IdentifyDialog
          onClose={closeCustomerDialog}
          onEnrol={(prefill) => setCustomerDialog({ kind: 'enrol', prefill })}
        />
      )}
      {customerDialog?.kind === 'enrol' && (
        <EnrolDialog prefill={customerDialog.prefill} onClose={closeCustomerDialog} />
      )}
      {customerDialog?.kind === 'save-bag' && <SaveBagDialog cart={cart} onClose={closeCustomerDialog} />}
    </div>
  );
}
