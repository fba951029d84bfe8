import { useI18n } from '../i18n/context';
import { roleLight } from '../state/devices';
import type { RoleLight } from '../state/devices';
import { usePos, usePosStore } from '../state/StoreContext';
import { DeviceIcon } from './DeviceIcon';
import { deviceCondition } from './deviceWords';
import './indicators.css';

const shownRoles = ['scanner', 'printer'] as const;

/** A mark besides the colour, for a cashier who cannot tell amber from green. */
export const lightGlyph: Record<RoleLight, string> = { ready: '✓', warning: '!', problem: '✕', absent: '–' };

/** The scanner's and the printer's lights in the status bar; a tap opens the devices page. */
export function DeviceIndicators() {
  const store = usePosStore();
  const i18n = useI18n();
  const { t } = i18n;
  const devices = usePos((state) => state.devices);
  const onDevicesPage = usePos((state) => state.screen === 'devices');
  const paymentBusy = usePos((state) => state.payment.busy !== null);
  if (!devices) return null;

  return (
    <div className="device-indicators" role="group" aria-label={t('status.devices')}>
      {shownRoles.map((role) => {
        const { light, device } = roleLight(devices, role);
        const label = t('devices.indicator', {
          role: t(`devices.roles.${role}`),
          detail: device ? deviceCondition(i18n, device) : t('devices.notConnected'),
        });
        return (
          <button
            key={role}
            type="button"
            className="device-indicator"
            data-testid="device-indicator"
            data-role={role}
            data-state={light}
            aria-label={label}
            aria-pressed={onDevicesPage}
            title={label}
            disabled={paymentBusy}
            onClick={() => store.openDevices()}
          >
            <DeviceIcon role={role} />
            <span className="device-indicator__light" aria-hidden="true">
              {lightGlyph[light]}
            </span>
          </button>
        );
      })}
    </div>
  );
}
