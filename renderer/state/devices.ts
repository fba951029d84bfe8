// Devices and the print queue as the screen shows them: merging what main announces into what was
// loaded, and the traffic light of a device, a role (the status bar) and a receipt's paper copy.
import type { DeviceRole, DeviceSnapshot, PrintJobView, PrintQueueView } from '../../contract/devices';
import type { PosState, SimulatedPrinter } from './types';

/** How many jobs the print queue lists; main sends as many (PrintQueue's RECENT). */
const recentJobs = 20;

export type DeviceLight = 'ready' | 'warning' | 'problem';
/** A role's light in the status bar; `absent` when the till has no device in that role. */
export type RoleLight = DeviceLight | 'absent';

export function withDevice(devices: readonly DeviceSnapshot[], snapshot: DeviceSnapshot): DeviceSnapshot[] {
  const index = devices.findIndex((device) => device.id === snapshot.id);
  return index < 0 ? [...devices, snapshot] : devices.map((device, i) => (i === index ? snapshot : device));
}

/**
 * The queue with a job's new state, newest first, and the queued count moved by its change. The
 * count is only certain for a job the list had: for another one, `known` is false and the caller
 * loads the queue again.
 */
export function withPrintJob(
  queue: PrintQueueView,
  job: PrintJobView,
): { queue: PrintQueueView; known: boolean } {
  const before = queue.recent.find((recent) => recent.id === job.id);
  const counted = (view: PrintJobView | undefined) => (view?.status === 'queued' ? 1 : 0);
  const recent = before
    ? queue.recent.map((recent) => (recent.id === job.id ? job : recent))
    : [job, ...queue.recent].slice(0, recentJobs);
  const queued = Math.max(0, queue.queued + counted(job) - counted(before));
  return { queue: { queued, recent }, known: before !== undefined };
}

/** Red: it cannot work. Amber: it works but needs attention soon, or is (re)connecting. Green otherwise. */
export function deviceLight(device: DeviceSnapshot): DeviceLight {
  if (device.problem !== null || device.state === 'error' || device.state === 'closed') return 'problem';
  if (device.warning !== null || device.state === 'connecting') return 'warning';
  return 'ready';
}

const severity: Record<DeviceLight, number> = { ready: 0, warning: 1, problem: 2 };

/**
 * The light of a role: red only when no device of the role can work; amber when one can but
 * another cannot, or one warns. `device` is the one the light is about: the worst of them.
 */
export function roleLight(
  devices: readonly DeviceSnapshot[],
  role: DeviceRole,
): { light: RoleLight; device: DeviceSnapshot | null } {
  const ofRole = devices.filter((device) => device.role === role);
  let worst: DeviceSnapshot | null = null;
  for (const device of ofRole) {
    if (!worst || severity[deviceLight(device)] > severity[deviceLight(worst)]) worst = device;
  }
  if (!worst) return { light: 'absent', device: null };
  const lights = ofRole.map(deviceLight);
  const light: RoleLight = lights.every((each) => each === 'problem')
    ? 'problem'
    : lights.some((each) => each !== 'ready')
      ? 'warning'
      : 'ready';
  return { light, device: worst };
}

/** What became of a receipt's paper copy: its newest print job (a reprint included). */
export type ReceiptPrintStatus =
  { status: 'queued' | 'printed' | 'cancelled'; problem: null } | { status: 'waiting'; problem: string };

export function receiptPrintStatus(
  queue: PrintQueueView | null,
  receiptNo: string,
): ReceiptPrintStatus | null {
  const job = queue?.recent.find((recent) => recent.receiptNo === receiptNo);
  if (!job) return null;
  if (job.status === 'queued' && job.lastProblem !== null)
    return { status: 'waiting', problem: job.lastProblem };
  return { status: job.status, problem: null };
}

/** The simulator panel shows on a demo till and wherever a device is simulated. */
export const showsSimulators = (state: PosState): boolean =>
  (state.status?.demo ?? false) || (state.devices?.some((device) => device.simulated) ?? false);

/**
 * The simulated printer's paper, cover and cable: as last set from this screen (`set`), else as its
 * snapshot tells (after the page was reloaded, say).
 */
export function simulatedPrinter(
  set: SimulatedPrinter | null,
  devices: readonly DeviceSnapshot[] | null,
): SimulatedPrinter {
  if (set) return set;
  const printer = devices?.find((device) => device.role === 'printer' && device.simulated);
  return {
    paperOut: printer?.problem === 'paper-out',
    paperNearEnd: printer?.warning === 'paper-near-end',
    coverOpen: printer?.problem === 'cover-open',
    pluggedIn: printer?.problem !== 'disconnected',
  };
}
