// The simulator controls of a demo till: a label sent by a virtual scanner (as real bytes on its
// transport) and the virtual printer's paper, cover and cable. Refused on a till with real devices.
import { fail, ok } from '../../contract/common';
import type { Result } from '../../contract/common';
import type { CallInput } from '../../contract/ipc';
import type { DeviceManager } from '../../native-drivers/manager/types';
import { encodeHidPosLabel } from '../../native-drivers/scanner/hid-pos-report';
import { genericLayout } from '../../native-drivers/scanner/hid-pos-layouts';

const notSimulated = (what: string) => fail('NOT_SIMULATED', `This till has no simulated ${what}`);

export async function simulateScan(
  devices: DeviceManager | null,
  { via, data }: CallInput<'simulator.scan'>,
): Promise<Result<Record<string, never>>> {
  const simulators = devices?.simulators();
  if (via === 'serial') {
    if (!simulators?.serialScanner) return notSimulated('serial scanner');
    await simulators.serialScanner.scan(data);
    return ok({});
  }
  if (!simulators?.hidScanner) return notSimulated('HID scanner');
  await simulators.hidScanner.sendReports(
    encodeHidPosLabel(new TextEncoder().encode(data), null, genericLayout),
  );
  return ok({});
}

export async function simulatePrinter(
  devices: DeviceManager | null,
  { pluggedIn, ...condition }: CallInput<'simulator.printer'>,
): Promise<Result<Record<string, never>>> {
  const printer = devices?.simulators().printer;
  if (!printer) return notSimulated('printer');
  const change = Object.fromEntries(Object.entries(condition).filter(([, value]) => value !== undefined));
  if (Object.keys(change).length > 0) printer.setCondition(change);
  if (pluggedIn === false && printer.pluggedIn) await printer.unplug();
  if (pluggedIn === true && !printer.pluggedIn) await printer.plugIn();
  return ok({});
}
