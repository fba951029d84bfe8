// Starts the till's device manager from the config: real buses (node-hid, usb, serialport) and,
// per `devices.simulate`, virtual devices for the roles nothing real fills.
import type { TillConfig } from '../../contract/config';
import type { DeviceSnapshot } from '../../contract/devices';
import { createDeviceManager } from '../../native-drivers/manager/device-manager';
import { nativeDeviceApis } from '../../native-drivers/manager/native';
import type { DeviceManager, DeviceManagerOptions } from '../../native-drivers/manager/types';
import type { PaymentTerminal } from '../../native-drivers/payment-terminal/types';
import type { Logger } from '../log';

export async function startDevices(
  config: TillConfig,
  log: Logger,
  options: Partial<DeviceManagerOptions> & { realBuses?: boolean } = {},
): Promise<DeviceManager> {
  const { realBuses = true, ...rest } = options;
  const manager = createDeviceManager(
    {
      ...config.devices,
      scannerFraming: config.scanner.serial,
      cardRanges: { loyaltyCards: config.scanner.loyaltyCards, giftCards: config.scanner.giftCards },
    },
    { ...(realBuses ? nativeDeviceApis() : {}), log, ...rest },
  );
  await manager.start();
  return manager;
}

/**
 * The payment terminal as the devices page lists it. The adapter is in-process (the simulator, or a
 * vendor SDK behind the same interface), so its state is whether a card payment is under way.
 */
export function paymentTerminalSnapshot(
  terminal: PaymentTerminal,
  since: string,
  busy: boolean,
): DeviceSnapshot {
  return {
    id: 'payment-terminal',
    role: 'payment-terminal',
    name: terminal.simulated ? 'Payment terminal simulator' : 'Payment terminal',
    transport: 'internal',
    address: 'in-process',
    simulated: terminal.simulated,
    state: busy ? 'busy' : 'idle',
    problem: null,
    warning: null,
    since,
    events: 0,
    rejected: 0,
  };
}
