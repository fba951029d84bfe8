// Starts the till's device manager from the config: real buses (node-hid, usb, serialport) and,
// per `devices.simulate`, virtual devices for the roles nothing real fills.
import type { TillConfig } from '../../contract/config';
import { createDeviceManager } from '../../native-drivers/manager/device-manager';
import { nativeDeviceApis } from '../../native-drivers/manager/native';
import type { DeviceManager, DeviceManagerOptions } from '../../native-drivers/manager/types';
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
