// What scanners and card readers send, turned into till actions. A product goes to the cart, a
// receipt number opens the return screen, a payment card is refused ("use the payment terminal"),
// anything else is named to the cashier. Wedge scans come through the UI instead (cart.scan).
import type { ErrorCode, PosError } from '../../contract/common';
import type { TillConfig } from '../../contract/config';
import type { CardRead } from '../../native-drivers/card-reader/swipe';
import type { DeviceManager } from '../../native-drivers/manager/types';
import { interpretScan } from '../../native-drivers/scanner/interpret';
import type { ScanMeaning } from '../../native-drivers/scanner/interpret';
import type { ScanEvent } from '../../native-drivers/scanner/types';
import { scanRules } from '../domain/barcode';
import type { Logger } from '../log';
import type { CheckoutService } from './checkout';
import type { EventBus } from './events';

export interface DeviceInputDeps {
  devices: DeviceManager;
  checkout: CheckoutService;
  events: EventBus;
  config: TillConfig;
  isLoggedIn: () => boolean;
  log: Logger;
}

const notice = (code: ErrorCode, message: string, params?: PosError['params']): PosError =>
  params ? { code, message, params } : { code, message };

/** Subscribes to the device manager; returns the unsubscribe. */
export function routeDeviceInput(deps: DeviceInputDeps): () => void {
  const rules = scanRules(deps.config);
  const tell = (error: PosError) => deps.events.emit('notice', error);

  const onScan = (event: ScanEvent) => {
    if (!deps.isLoggedIn()) return tell(notice('NOT_LOGGED_IN', 'Log in before scanning'));
    const meaning = interpretScan(event, rules);
    if (!meaning.ok) {
      const error = meaning.error;
      deps.log.warn('scan.refused', { deviceId: event.deviceId, reason: error.kind });
      return tell(
        error.kind === 'check-digit'
          ? notice('INVALID_BARCODE', `Bad check digit in ${error.code}`, { barcode: error.code })
          : notice('UNKNOWN_BARCODE', 'The scan could not be read as any known code', { barcode: '' }),
      );
    }
    act(meaning.value);
  };

  const act = (meaning: ScanMeaning) => {
    switch (meaning.kind) {
      case 'product': {
        const code = meaning.via === 'embedded' ? meaning.code : meaning.gtin;
        const added = deps.checkout.scan(code);
        if (!added.ok) tell(added.error);
        return;
      }
      case 'receipt':
        return deps.events.emit('scan.receipt', { receiptNo: meaning.receiptNo });
      case 'payment-card':
        return tell(notice('PAYMENT_CARD_REFUSED', 'A payment card was scanned', { masked: meaning.masked }));
      default:
        return tell(notice('SCAN_NOT_FOR_CART', `A ${meaning.kind} was scanned`, { kind: meaning.kind }));
    }
  };

  const onSwipe = (read: CardRead, deviceId: string) => {
    switch (read.kind) {
      case 'payment-card':
        deps.log.info('swipe.payment_card_refused', { deviceId });
        return tell(notice('PAYMENT_CARD_REFUSED', 'A payment card was swiped', { masked: read.masked }));
      case 'misread':
        return tell(notice('CARD_MISREAD', 'The card could not be read', { reason: read.error.code }));
      case 'loyalty':
        return tell(notice('SCAN_NOT_FOR_CART', 'A loyalty card was swiped', { kind: 'loyalty-card' }));
      case 'gift':
        return tell(notice('SCAN_NOT_FOR_CART', 'A gift card was swiped', { kind: 'gift-card' }));
      case 'unknown-card':
        return tell(notice('SCAN_NOT_FOR_CART', 'An unknown card was swiped', { kind: 'unknown' }));
    }
  };

  const offScan = deps.devices.on('scan', onScan);
  const offSwipe = deps.devices.on('swipe', onSwipe);
  return () => {
    offScan();
    offSwipe();
  };
}
