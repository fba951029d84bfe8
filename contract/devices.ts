// Devices as the UI sees them: one snapshot per device, in UnifiedPOS terms (closed, idle, busy,
// error) with the reason a cashier or IT can act on, and the print queue.
import { z } from 'zod';
import { IsoTimestamp } from './common';

export const DeviceRole = z.enum(['scanner', 'printer', 'card-reader', 'payment-terminal', 'drawer']);
export type DeviceRole = z.infer<typeof DeviceRole>;

export const DeviceTransportKind = z.enum(['hid', 'usb', 'serial', 'tcp', 'keyboard', 'internal']);
export type DeviceTransportKind = z.infer<typeof DeviceTransportKind>;

/** UnifiedPOS device states, plus "connecting" while a transport is being (re)opened. */
export const DeviceState = z.enum(['closed', 'connecting', 'idle', 'busy', 'error']);
export type DeviceState = z.infer<typeof DeviceState>;

/** Why a device cannot work, or what it warns about: each has a message in the UI catalogues. */
export const DeviceProblem = z.enum([
  'not-found',
  'access-denied',
  'busy',
  'disconnected',
  'timeout',
  'io',
  'offline',
  'paper-out',
  'paper-near-end',
  'cover-open',
  'printer-error',
]);
export type DeviceProblem = z.infer<typeof DeviceProblem>;

export const DeviceSnapshot = z.object({
  id: z.string(),
  role: DeviceRole,
  name: z.string(),
  transport: DeviceTransportKind,
  /** e.g. "tcp://192.168.1.50:9100", "/dev/ttyACM0", "usb 04b8:0202". */
  address: z.string(),
  simulated: z.boolean(),
  state: DeviceState,
  problem: DeviceProblem.nullable(),
  /** A warning that does not stop the device, such as paper near its end. */
  warning: DeviceProblem.nullable(),
  since: IsoTimestamp,
  /** Input devices: events delivered and inputs rejected as malformed. */
  events: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});
export type DeviceSnapshot = z.infer<typeof DeviceSnapshot>;

export const PrintJobStatus = z.enum(['queued', 'printed', 'cancelled']);

export const PrintJobView = z.object({
  id: z.string(),
  kind: z.enum(['sale', 'return', 'reprint']),
  receiptNo: z.string(),
  status: PrintJobStatus,
  attempts: z.number().int().nonnegative(),
  lastProblem: z.string().nullable(),
  createdAt: IsoTimestamp,
  printedAt: IsoTimestamp.nullable(),
});
export type PrintJobView = z.infer<typeof PrintJobView>;

export const PrintQueueView = z.object({
  queued: z.number().int().nonnegative(),
  recent: z.array(PrintJobView),
});
export type PrintQueueView = z.infer<typeof PrintQueueView>;
