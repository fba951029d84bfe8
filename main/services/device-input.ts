// Scans and swipes from devices, routed like any scan (scan-router.ts); what a call would have
// returned as an error is told to the cashier as a notice, since no call is waiting for it.
import type { PosError, Result } from '../../contract/common';
import type { CardRead } from '../../native-drivers/card-reader/swipe';
import type { DeviceManager } from '../../native-drivers/manager/types';
import type { ScanEvent } from '../../native-drivers/scanner/types';
import type { Logger } from '../log';
import type { EventBus } from './events';
import type { ScanRouter } from './scan-router';

export interface DeviceInputDeps {
  devices: DeviceManager;
  route: ScanRouter;
  /** A swiped loyalty card attaches its customer to the cart. */
  attachCard: (cardNo: string) => Result<unknown>;
  events: EventBus;
  isLoggedIn: () => boolean;
  log: Logger;
}

/** What a swipe the till does not act on means to the cashier. */
function swipeNotice(read: Exclude<CardRead, { kind: 'loyalty' }>): PosError {
  switch (read.kind) {
    case 'payment-card':
      return {
        code: 'PAYMENT_CARD_REFUSED',
        message: 'A payment card was swiped; it is paid on the terminal',
        params: { masked: read.masked },
      };
    case 'misread':
      return {
        code: 'CARD_MISREAD',
        message: 'The card could not be read',
        params: { reason: read.error.code },
      };
    case 'gift':
      return { code: 'SCAN_NOT_FOR_CART', message: 'A gift card was swiped', params: { kind: 'gift-card' } };
    case 'unknown-card':
      return {
        code: 'SCAN_NOT_FOR_CART',
        message: 'An unknown card was swiped',
        params: { kind: 'unknown' },
      };
  }
}

/** Subscribes to the device manager; returns the unsubscribe. */
export function routeDeviceInput(deps: DeviceInputDeps): () => void {
  const tell = (error: PosError) => deps.events.emit('notice', error);
  const offScan = deps.devices.on('scan', (event: ScanEvent) => {
    if (!deps.isLoggedIn()) return tell({ code: 'NOT_LOGGED_IN', message: 'Log in before scanning' });
    const routed = deps.route(event);
    if (!routed.ok) {
      deps.log.info('scan.refused', { deviceId: event.deviceId, code: routed.error.code });
      tell(routed.error);
    }
  });
  const offSwipe = deps.devices.on('swipe', (read: CardRead, deviceId: string) => {
    deps.log.info('swipe.read', { deviceId, kind: read.kind });
    if (read.kind !== 'loyalty') return tell(swipeNotice(read));
    if (!deps.isLoggedIn()) return tell({ code: 'NOT_LOGGED_IN', message: 'Log in before swiping' });
    const attached = deps.attachCard(read.number);
    if (!attached.ok) tell(attached.error);
  });
  return () => {
    offScan();
    offSwipe();
  };
}
