import { useMemo } from 'react';
import type { DeviceRole, DeviceSnapshot } from '../../contract/devices';
import { DeviceRole as DeviceRoles } from '../../contract/devices';
import { useI18n } from '../i18n/context';
import { deviceLight } from '../state/devices';
import { usePos } from '../state/StoreContext';
import { lightGlyph } from './DeviceIndicators';

/** Devices that deliver input count what they read and what they rejected as malformed. */
const inputRoles: ReadonlySet<DeviceRole> = new Set(['scanner', 'card-reader']);
const roleOrder = (role: DeviceRole) => DeviceRoles.options.indexOf(role);

function DeviceRow({ device }: { device: DeviceSnapshot }) {
  const { t, deviceProblem, dateTime } = useI18n();
  const light = deviceLight(device);
  return (
    <li
      className="device-row"
      data-testid="device-row"
      data-device-id={device.id}
      data-role={device.role}
      data-state={device.state}
      data-problem={device.problem ?? ''}
      data-warning={device.warning ?? ''}
      data-light={light}
      data-simulated={device.simulated}
    >
      <span className="device-row__light" data-light={light} aria-hidden="true">
        {lightGlyph[light]}
      </span>
      <div className="device-row__what">
        <div className="device-row__title">
          <strong>{t(`devices.roles.${device.role}`)}</strong>
          <span className="device-row__name">{device.name}</span>
          {device.simulated && (
            <span className="device-badge" data-testid="device-simulated">
              {t('devices.simulated')}
            </span>
          )}
        </div>
        <div className="device-row__address">
          {t(`devices.transports.${device.transport}`)} · <code>{device.address}</code>
        </div>
      </div>
      <div className="device-row__state">
        <span className="device-row__condition" data-testid="device-state">
          <strong>{t(`devices.states.${device.state}`)}</strong>
          {device.problem && <> — {deviceProblem(device.problem)}</>}
          {device.warning && <> — {deviceProblem(device.warning)}</>}
        </span>
        <span className="device-row__muted">{t('devices.since', { time: dateTime(device.since) })}</span>
        {inputRoles.has(device.role) && (
          <span className="device-row__counters">
            <span data-testid="device-events">{t('devices.events', { count: device.events })}</span>
            <span data-testid="device-rejected" data-count={device.rejected}>
              {t('devices.rejected', { count: device.rejected })}
            </span>
          </span>
        )}
      </div>
    </li>
  );
}

export function DeviceList() {
  const { t } = useI18n();
  const devices = usePos((state) => state.devices);
  const sorted = useMemo(
    () =>
      [...(devices ?? [])].sort(
        (a, b) => roleOrder(a.role) - roleOrder(b.role) || a.name.localeCompare(b.name),
      ),
    [devices],
  );
  if (devices !== null && devices.length === 0) {
    return <p className="device-list device-list--empty">{t('devices.none')}</p>;
  }
  return (
    <ul className="device-list" aria-label={t('devices.title')} aria-busy={devices === null}>
      {sorted.map((device) => (
        <DeviceRow key={device.id} device={device} />
      ))}
    </ul>
  );
}
