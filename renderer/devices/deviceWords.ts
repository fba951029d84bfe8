import type { DeviceSnapshot } from '../../contract/devices';
import type { I18n } from '../i18n/context';

/** What a cashier most needs to know about a device: what is wrong, else what it warns about, else its state. */
export function deviceCondition(
  { t, deviceProblem }: Pick<I18n, 't' | 'deviceProblem'>,
  device: DeviceSnapshot,
): string {
  if (device.problem) return deviceProblem(device.problem);
  if (device.warning) return deviceProblem(device.warning);
  return t(`devices.states.${device.state}`);
}
