import type { DeviceRole } from '../../contract/devices';

/** Line icons drawn in the text colour; the roles the status bar shows. */
export function DeviceIcon({ role }: { role: Extract<DeviceRole, 'scanner' | 'printer'> }) {
  return (
    <svg className="device-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {role === 'printer' ? (
        <path d="M6 9V3h12v6M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2M6 14h12v7H6z" />
      ) : (
        <path d="M3 5v14M6.5 5v14M9 5v14M12.5 5v14M16 5v14M18.5 5v14M21 5v14" />
      )}
    </svg>
  );
}
