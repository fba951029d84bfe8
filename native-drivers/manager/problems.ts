// Transport errors and printer status bits, said as the problems the UI has messages for.
import type { DeviceProblem } from '../../contract/devices';
import type { PrinterStatus } from '../printer/status';
import { isTransportError } from '../transports/types';
import type { TransportErrorKind } from '../transports/types';

const byKind: Record<TransportErrorKind, DeviceProblem> = {
  'not-found': 'not-found',
  'access-denied': 'access-denied',
  busy: 'busy',
  // Held by another claimant of this app: to the cashier it is as busy as held by another program.
  claimed: 'busy',
  disconnected: 'disconnected',
  timeout: 'timeout',
  io: 'io',
};

export const problemOfKind = (kind: TransportErrorKind): DeviceProblem => byKind[kind];

export const problemOf = (error: unknown): DeviceProblem =>
  isTransportError(error) ? byKind[error.kind] : 'io';

/** What stops the printer, most actionable first: a cover is opened to load paper, so paper comes first. */
export function printerProblem(status: PrinterStatus): DeviceProblem | null {
  if (status.paperOut) return 'paper-out';
  if (status.coverOpen) return 'cover-open';
  if (status.error) return 'printer-error';
  if (!status.online) return 'offline';
  return null;
}

export const printerWarning = (status: PrinterStatus): DeviceProblem | null =>
  status.paperNearEnd && !status.paperOut ? 'paper-near-end' : null;

/** Problems of the printer itself, read from its status: worth polling for while the link is up. */
export const isPrinterSideProblem = (problem: DeviceProblem): boolean =>
  ['paper-out', 'cover-open', 'printer-error', 'offline', 'timeout'].includes(problem);
