// Managers for tests: quick back-off, collected logs, and waits on events instead of sleeps.
import type { z } from 'zod';
import { DeviceSettings } from '../../../contract/config';
import type { DeviceSnapshot } from '../../../contract/devices';
import { createDeviceManager } from '../device-manager';
import type { DeviceLog, DeviceManager, DeviceManagerEvents, DeviceManagerOptions } from '../types';

export interface LogLine {
  level: 'info' | 'warn';
  event: string;
  fields: Record<string, string | number | boolean | null>;
}

export interface Harness {
  manager: DeviceManager;
  logs: LogLine[];
  changes: DeviceSnapshot[];
}

const running: DeviceManager[] = [];

/** Stops every manager made since the last call; for afterEach. */
export async function stopAll(): Promise<void> {
  await Promise.all(running.splice(0).map((manager) => manager.stop()));
}

export function harness(
  settings: z.input<typeof DeviceSettings>,
  options: DeviceManagerOptions = {},
): Harness {
  const logs: LogLine[] = [];
  const log: DeviceLog = {
    info: (event, fields = {}) => logs.push({ level: 'info', event, fields }),
    warn: (event, fields = {}) => logs.push({ level: 'warn', event, fields }),
  };
  const manager = createDeviceManager(DeviceSettings.parse(settings), {
    backoff: { initialMs: 20, maxMs: 200, jitter: 0 },
    idleStatusPollMs: 0,
    log,
    ...options,
  });
  running.push(manager);
  const changes: DeviceSnapshot[] = [];
  manager.on('changed', (snapshot) => changes.push(snapshot));
  return { manager, logs, changes };
}

/** Resolves once `test` holds for the device `id`, checked now and on every change. */
export function deviceWhere(
  manager: DeviceManager,
  id: string,
  test: (snapshot: DeviceSnapshot) => boolean,
  timeoutMs = 3000,
): Promise<DeviceSnapshot> {
  const now = manager.snapshots().find((snapshot) => snapshot.id === id);
  if (now && test(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      const last = manager.snapshots().find((snapshot) => snapshot.id === id);
      reject(new Error(`${id} did not get there within ${timeoutMs} ms; last: ${JSON.stringify(last)}`));
    }, timeoutMs);
    const off = manager.on('changed', (snapshot) => {
      if (snapshot.id !== id || !test(snapshot)) return;
      clearTimeout(timer);
      off();
      resolve(snapshot);
    });
  });
}

export const isIdle = (snapshot: DeviceSnapshot): boolean => snapshot.state === 'idle';

/** The next `event` the manager emits. */
export function next<E extends keyof DeviceManagerEvents>(
  manager: DeviceManager,
  event: E,
  timeoutMs = 3000,
): Promise<Parameters<DeviceManagerEvents[E]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: Parameters<DeviceManagerEvents[E]>) => {
      clearTimeout(timer);
      off();
      resolve(args);
    };
    const off = manager.on(event, listener as DeviceManagerEvents[E]);
  });
}
