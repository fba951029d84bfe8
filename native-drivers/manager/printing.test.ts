import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EscPosEncoder } from '../printer/encoder';
import { printerProfiles } from '../printer/profiles';
import { receiptText } from '../simulators/printed-receipt';
import type { VirtualPrinter } from '../simulators/virtual-printer';
import { ManualScheduler } from '../transports/test-support/fakes';
import { deviceWhere, harness, isIdle, stopAll } from './test-support/harness';
import type { DeviceManager } from './types';

afterEach(stopAll);

const profile = printerProfiles['xprinter-xp-58'];
const items = ['Молоко 3,2 % 1 л   89,90', 'Хлеб бородинский   54,00', 'Яблоки 1,2 кг     143,88'];

function receipt(title: string): Uint8Array {
  const encoder = new EscPosEncoder(profile).initialize().align('center').bold(true).line(title);
  encoder.bold(false).align('left');
  for (const item of items) encoder.line(item);
  return encoder.barcodeCode128('0042-03-000017').cut('partial', 0).encode().bytes;
}

async function demoPrinter(): Promise<{ manager: DeviceManager; printer: VirtualPrinter; states: string[] }> {
  const { manager, changes } = harness({
    simulate: 'always',
    printer: { profile: 'xprinter-xp-58', statusPollMs: 200 },
  });
  await manager.start();
  await deviceWhere(manager, 'sim:printer', isIdle);
  const printer = manager.simulators().printer;
  if (!printer) throw new Error('no simulated printer');
  const states: string[] = [];
  manager.on('changed', (s) => {
    if (s.id === 'sim:printer') states.push(s.problem ? `${s.state} ${s.problem}` : s.state);
  });
  expect(changes.length).toBeGreaterThan(0);
  return { manager, printer, states };
}

function port(manager: DeviceManager) {
  const port = manager.printer();
  if (!port) throw new Error('no printer');
  return port;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no address');
  return address.port;
}

describe('receipt printer through the device manager', () => {
  it('prints to the simulated network printer, busy while it prints', async () => {
    const { manager, printer, states } = await demoPrinter();
    expect(port(manager).profile.id).toBe('xprinter-xp-58');
    expect(await port(manager).print(receipt('Кассовый чек'))).toEqual({ ok: true });
    const [printed] = printer.receipts;
    if (!printed) throw new Error('nothing printed');
    expect(receiptText(printed, profile)).toBe(
      ['          Кассовый чек', ...items, '[CODE128 0042-03-000017]', '[partial cut]', ''].join('\n'),
    );
    expect(states).toEqual(['busy', 'idle']);
  });

  it('refuses a job while the paper is out, prints nothing, and is ready again once paper is loaded', async () => {
    const { manager, printer, states } = await demoPrinter();
    printer.setCondition({ paperOut: true });
    const before = printer.received;
    expect(await port(manager).print(receipt('Кассовый чек'))).toEqual({ ok: false, problem: 'paper-out' });
    expect(printer.received - before).toBe(12);
    expect(manager.snapshots()[0]).toMatchObject({ state: 'error', problem: 'paper-out' });

    const ready = deviceWhere(manager, 'sim:printer', isIdle);
    printer.loadPaper();
    await ready;
    expect(printer.receipts).toHaveLength(0);
    // Its sensors changed while idle (status is not polled in these tests): the job found out first.
    expect(states).toEqual(['busy', 'error paper-out', 'idle']);
  });

  it('fails a job the paper ran out on, says ready when a roll is loaded, and the retry prints whole and once', async () => {
    const { manager, printer, states } = await demoPrinter();
    // The job's status request takes 12 bytes; the title and a line print, then the roll ends.
    printer.runOutOfPaperAfter(12 + 50);
    expect(await port(manager).print(receipt('Кассовый чек'))).toEqual({ ok: false, problem: 'paper-out' });
    expect(manager.snapshots()[0]).toMatchObject({ state: 'error', problem: 'paper-out' });
    expect(printer.unfinished.length).toBeGreaterThan(0);

    // What the print queue does: wait for the printer to say it is ready, then send the job again.
    const retried = new Promise<unknown>((resolve) => {
      const off = manager.on('changed', (snapshot) => {
        if (snapshot.id !== 'sim:printer' || snapshot.state !== 'idle') return;
        off();
        resolve(port(manager).print(receipt('Кассовый чек')));
      });
    });
    printer.loadPaper();
    expect(await retried).toEqual({ ok: true });

    const reprint = printer.receipts.at(-1);
    expect(reprint?.lines).toEqual(['Кассовый чек', ...items]);
    const everything = printer.receipts.flatMap((printed) => printed.lines);
    expect(everything.filter((line) => line === items[2])).toHaveLength(1);
    expect(states).toEqual(['busy', 'error paper-out', 'idle', 'busy', 'idle']);
  });

  it('reads an idle printer now and then, so a cover opened shows before the next receipt', async () => {
    const { manager } = harness(
      { simulate: 'always', printer: { statusPollMs: 200 } },
      { idleStatusPollMs: 30 },
    );
    await manager.start();
    await deviceWhere(manager, 'sim:printer', isIdle);
    const printer = manager.simulators().printer;
    printer?.setCondition({ coverOpen: true });
    await deviceWhere(manager, 'sim:printer', (s) => s.state === 'error' && s.problem === 'cover-open');
    printer?.setCondition({ coverOpen: false, paperNearEnd: true });
    await deviceWhere(manager, 'sim:printer', (s) => s.state === 'idle' && s.warning === 'paper-near-end');
  });

  it('warns that the paper is near its end without stopping', async () => {
    const { manager, printer } = await demoPrinter();
    printer.setCondition({ paperNearEnd: true });
    expect(await port(manager).print(receipt('Кассовый чек'))).toEqual({ ok: true });
    expect(manager.snapshots()[0]).toMatchObject({ state: 'idle', problem: null, warning: 'paper-near-end' });
  });

  it('shows an unplugged printer as an error, refuses jobs at once, and is ready again when plugged back', async () => {
    const { manager, printer } = await demoPrinter();
    await printer.unplug();
    const lost = await deviceWhere(manager, 'sim:printer', (s) => s.state === 'error');
    expect(['disconnected', 'not-found']).toContain(lost.problem);
    const refused = await port(manager).print(receipt('Кассовый чек'));
    expect(refused.ok).toBe(false);
    expect(['disconnected', 'not-found']).toContain(refused.ok ? null : refused.problem);

    const back = deviceWhere(manager, 'sim:printer', isIdle);
    await printer.plugIn();
    await back;
    expect(await port(manager).print(receipt('Снова в сети'))).toEqual({ ok: true });
    expect(printer.receipts.at(-1)?.lines[0]).toBe('Снова в сети');
  });

  it('keeps retrying a configured network printer nobody listens for, waiting longer each time', async () => {
    const scheduler = new ManualScheduler();
    const tcp = await freePort();
    const { manager, logs, changes } = harness(
      { simulate: 'never', printer: { connection: { transport: 'tcp', host: '127.0.0.1', port: tcp } } },
      { scheduler, now: Date.now },
    );
    await manager.start();
    expect(manager.snapshots()).toEqual([
      expect.objectContaining({
        id: `tcp:127.0.0.1:${tcp}`,
        role: 'printer',
        address: `tcp://127.0.0.1:${tcp}`,
        simulated: false,
        state: 'error',
        problem: 'not-found',
      }),
    ]);
    const waits: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const [wait] = await retryWaiting(scheduler);
      waits.push(wait ?? 0);
      await scheduler.advance(wait ?? 0);
    }
    expect(waits).toEqual([20, 40, 80]);
    // One transition to the error, not a flicker per attempt; logged once, with the wait.
    expect(changes.map((s) => s.state)).toEqual(['connecting', 'error']);
    expect(logs.filter((line) => line.event === 'device.unavailable')).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ problem: 'not-found', retryInMs: 20 }) }),
    ]);
    expect(await port(manager).print(receipt('Кассовый чек'))).toEqual({ ok: false, problem: 'not-found' });
  });
});

/** The retry timer, once the attempt before it (real I/O) has failed. */
async function retryWaiting(scheduler: ManualScheduler): Promise<number[]> {
  for (let i = 0; i < 200; i++) {
    if (scheduler.waiting.length > 0) return scheduler.waiting;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('no retry was scheduled');
}
