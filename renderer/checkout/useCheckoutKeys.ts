import { useEffect, useEffectEvent } from 'react';

interface CheckoutKeys {
  onPay(): void;
  onQuantity(): void;
  onCustomer(): void;
}

/** F10 pays, F4 edits the quantity of the last line, F3 identifies the customer; off while a dialog is open. */
export function useCheckoutKeys(keys: CheckoutKeys, enabled: boolean): void {
  const handle = useEffectEvent((event: KeyboardEvent) => {
    if (event.key === 'F10') {
      event.preventDefault();
      keys.onPay();
    } else if (event.key === 'F4') {
      event.preventDefault();
      keys.onQuantity();
    } else if (event.key === 'F3') {
      // Also keeps the browser's find bar closed when the till runs in a plain Chromium.
      event.preventDefault();
      keys.onCustomer();
    }
  });
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => handle(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
