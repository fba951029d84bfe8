// One meaning for a scan, whatever sent it (HID POS, serial, keyboard wedge, typed): a product goes
// to the cart, a receipt number opens the return screen, a loyalty card or the member QR attaches
// the customer, a coupon goes on the cart, a payment card is refused with only its last digits named
// ("use the payment terminal"), a gift card is named.
import { fail, ok } from '../../contract/common';
import type { Result } from '../../contract/common';
import type { TillConfig } from '../../contract/config';
import type { Cart } from '../../contract/ipc';
import { splitAimPrefix, symbologyFromAim } from '../../native-drivers/scanner/aim';
import { interpretScan } from '../../native-drivers/scanner/interpret';
import type { ScanInput } from '../../native-drivers/scanner/interpret';
import { scanRules } from '../domain/barcode';
import type { CheckoutService } from './checkout';
import type { ClientelingService } from './clienteling';
import type { EventBus } from './events';

export type ScanRouter = (scan: ScanInput) => Result<Cart>;

/** A label that arrived as text (wedge, typed): an AIM identifier in front is honoured. */
export function scanFromText(text: string, at: number): ScanInput {
  const trimmed = text.trim();
  const split = splitAimPrefix(trimmed);
  return split
    ? { data: split.rest, aim: split.aim, symbology: symbologyFromAim(split.aim, split.rest), at }
    : { data: trimmed, aim: null, symbology: 'unknown', at };
}

export function createScanRouter(deps: {
  checkout: CheckoutService;
  clienteling: Pick<ClientelingService, 'attachByCard' | 'attachByMember'>;
  events: EventBus;
  config: TillConfig;
}): ScanRouter {
  const rules = scanRules(deps.config);
  return (scan) => {
    const meaning = interpretScan(scan, rules);
    if (!meaning.ok) {
      const error = meaning.error;
      if (error.kind === 'check-digit')
        return fail('INVALID_BARCODE', `The barcode ${error.code} has a wrong check digit`, {
          barcode: error.code,
          reason: 'check_digit',
        });
      // Anything else unreadable is tried as a catalogue code, which names it in the error.
      return deps.checkout.scan(scan.data);
    }
    const value = meaning.value;
    switch (value.kind) {
      case 'product':
        if (value.via === 'gs1') return deps.checkout.scanGs1(value);
        return deps.checkout.scan(value.via === 'embedded' ? value.code : value.gtin);
      case 'unknown':
        return deps.checkout.scan(scan.data);
      case 'receipt':
        deps.events.emit('scan.receipt', { receiptNo: value.receiptNo });
        return ok(deps.checkout.view());
      // The customer is attached without leaving the cart: the scan answers with the cart.
      case 'loyalty-card':
        return deps.clienteling.attachByCard(value.number);
      case 'member':
        return deps.clienteling.attachByMember({ memberId: value.memberId, signature: value.signature });
      case 'coupon':
        return deps.checkout.applyCoupon(value.code);
      case 'payment-card':
        return fail('PAYMENT_CARD_REFUSED', 'A payment card was scanned; it is paid on the terminal', {
          masked: value.masked,
        });
      default:
        return fail('SCAN_NOT_FOR_CART', `A ${value.kind} cannot be added to the cart`, { kind: value.kind });
    }
  };
}
