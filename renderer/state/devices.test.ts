import { describe, expect, it } from 'vitest';
import type { DeviceSnapshot } from '../../contract/devices';
import { printJob, receipt, receiptPrinter, serialScanner, status } from './fakeApi.test-support';
import { receiptPrintStatus, roleLight, showsSimulators, simulatedPrinter, withPrintJob } from './devices';
import { initialState } from './types';

const hidScanner: DeviceSnapshot = {
  ...serialScanner,
  id: 'scanner-hid',
  transport: 'hid',
  simulated: false,
};
const paperOut: DeviceSnapshot = { ...receiptPrinter, state: 'error', problem: 'paper-out' };

describe('the status bar’s light for a role', () => {
  it('is green when every device of the role is ready', () => {
    expect(roleLight([serialScanner, receiptPrinter], 'printer')).toEqual({
      light: 'ready',
      device: receiptPrinter,
    });
  });

  it('is amber when the printer warns that its paper is running low', () => {
    const nearEnd = { ...receiptPrinter, warning: 'paper-near-end' as const };
    expect(roleLight([nearEnd], 'printer').light).toBe('warning');
  });

  it('is amber while a device is connecting', () => {
    expect(roleLight([{ ...receiptPrinter, state: 'connecting' }], 'printer').light).toBe('warning');
  });

  it('is red, about the printer, when it is out of paper', () => {
    expect(roleLight([serialScanner, paperOut], 'printer')).toEqual({ light: 'problem', device: paperOut });
  });

  it('is amber when one scanner is unplugged but another still scans', () => {
    const unplugged = { ...hidScanner, state: 'closed' as const, problem: 'disconnected' as const };
    expect(roleLight([serialScanner, unplugged], 'scanner')).toEqual({ light: 'warning', device: unplugged });
  });

  it('says so when the till has no device in the role', () => {
    expect(roleLight([serialScanner], 'printer')).toEqual({ light: 'absent', device: null });
  });
});

describe('the print status of a receipt', () => {
  const queue = (recent = [printJob()]) => ({ queued: 1, recent });

  it('is waiting, with the printer’s problem, after a failed attempt', () => {
    const failed = printJob({ attempts: 1, lastProblem: 'paper-out' });
    expect(receiptPrintStatus(queue([failed]), receipt.receiptNo)).toEqual({
      status: 'waiting',
      problem: 'paper-out',
    });
  });

  it('follows the newest job for the receipt, a reprint included', () => {
    const reprint = printJob({ id: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', kind: 'reprint' });
    const printed = printJob({ status: 'printed', attempts: 1 });
    expect(receiptPrintStatus(queue([reprint, printed]), receipt.receiptNo)).toEqual({
      status: 'queued',
      problem: null,
    });
  });

  it('is unknown for a receipt the queue does not list', () => {
    expect(receiptPrintStatus(queue(), 'R0001-01-000001')).toBeNull();
    expect(receiptPrintStatus(null, receipt.receiptNo)).toBeNull();
  });
});

describe('the print queue kept current', () => {
  it('puts a new job first and counts it while queued', () => {
    const older = printJob({ status: 'printed' });
    const newer = printJob({ id: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', kind: 'reprint' });
    expect(withPrintJob({ queued: 0, recent: [older] }, newer)).toEqual({
      queue: { queued: 1, recent: [newer, older] },
      known: false,
    });
  });

  it('keeps the list to the twenty newest', () => {
    const recent = Array.from({ length: 20 }, (_, i) =>
      printJob({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, status: 'printed' }),
    );
    const next = withPrintJob({ queued: 0, recent }, printJob());
    expect(next.queue.recent).toHaveLength(20);
    expect(next.queue.recent[0]).toEqual(printJob());
  });
});

describe('the simulator panel', () => {
  it('shows on a demo till and on a till with a simulated device', () => {
    const real = { ...status(true), demo: false };
    expect(showsSimulators({ ...initialState, status: status(true), devices: [] })).toBe(true);
    expect(showsSimulators({ ...initialState, status: real, devices: [hidScanner] })).toBe(false);
    expect(showsSimulators({ ...initialState, status: real, devices: [hidScanner, receiptPrinter] })).toBe(
      true,
    );
  });

  it('reads the simulated printer’s condition from its snapshot until the panel sets one', () => {
    const unplugged = { ...receiptPrinter, state: 'closed' as const, problem: 'disconnected' as const };
    expect(simulatedPrinter(null, [unplugged])).toEqual({
      paperOut: false,
      paperNearEnd: false,
      coverOpen: false,
      pluggedIn: false,
    });
    expect(simulatedPrinter(null, [paperOut]).paperOut).toBe(true);
    const set = { paperOut: false, paperNearEnd: true, coverOpen: false, pluggedIn: true };
    expect(simulatedPrinter(set, [paperOut])).toBe(set);
  });
});
