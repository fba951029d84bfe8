// Joins the device manager to the till: device states go to the UI, a printer that becomes ready
// gets the queued receipts, and scans and swipes are routed (device-input.ts).
import type { DeviceManager } from '../../native-drivers/manager/types';
import type { Logger } from '../log';
import { routeDeviceInput } from './device-input';
import type { DeviceInputDeps } from './device-input';
import type { EventBus } from './events';
import type { PrintQueue } from './printing/queue';
import type { ScanRouter } from './scan-router';
import type { SessionService } from './session';

export interface AttachDeps {
  route: ScanRouter;
  attachCard: DeviceInputDeps['attachCard'];
  events: EventBus;
  printQueue: PrintQueue;
  session: SessionService;
  log: Logger;
}

/** Returns the detach. */
export function attachDevices(devices: DeviceManager, deps: AttachDeps): () => void {
  const offChanged = devices.on('changed', (snapshot) => {
    deps.events.emit('device.changed', snapshot);
    if (snapshot.role === 'printer' && snapshot.state === 'idle') void deps.printQueue.kick();
  });
  const offInput = routeDeviceInput({
    devices,
    route: deps.route,
    attachCard: deps.attachCard,
    events: deps.events,
    isLoggedIn: () => deps.session.user !== null,
    log: deps.log,
  });
  return () => {
    offChanged();
    offInput();
  };
}
