import { describe, expect, it } from 'vitest';
import { fixtureReport, hidMsrFixtures } from '../card-reader/hid-msr-fixtures';
import { hidPosMsrLayout } from '../card-reader/hid-msr-layouts';
import { readHidMsrReport } from '../card-reader/hid-msr-report';
import type { HidMsrOutcome } from '../card-reader/hid-msr-report';
import { demoRanges, loyaltyNumber, paymentPans } from '../card-reader/test-cards';
import { HidTransport } from '../transports/hid';
import { VirtualHidCardReader } from './hid-card-reader';
import { VirtualHidBus } from './hid-scanner';

async function readThrough(
  reader: VirtualHidCardReader,
  send: () => Promise<void>,
): Promise<HidMsrOutcome[]> {
  const bus = new VirtualHidBus();
  bus.plug(reader);
  const transport = new HidTransport({ path: reader.path, wipeInput: true }, bus);
  const outcomes: HidMsrOutcome[] = [];
  transport.on('data', (report) => outcomes.push(readHidMsrReport(report, reader.layout, demoRanges)));
  await transport.open();
  await send();
  await transport.close();
  return outcomes;
}

describe('virtual HID card reader', () => {
  it.each(hidMsrFixtures.map((fixture) => [fixture.name, fixture] as const))(
    'replays the recorded %s report through the HID transport into a card read',
    async (_name, fixture) => {
      const reader = new VirtualHidCardReader('/dev/hidraw-virtual-msr', fixture.layout);
      const outcomes = await readThrough(reader, () => reader.sendReports([fixtureReport(fixture)]));
      expect(outcomes).toEqual([{ ok: true, value: fixture.expected }]);
    },
  );

  it('swipes cards as one report each: loyalty read, payment card refused, a failed track reported', async () => {
    const reader = new VirtualHidCardReader('/dev/hidraw-virtual-msr');
    const outcomes = await readThrough(reader, async () => {
      await reader.swipe({ number: loyaltyNumber }, { 2: 'data' });
      await reader.swipe(
        { number: paymentPans.visa, name: 'PETROVA/ANNA' },
        { 1: 'data', 2: 'data', 3: 'data' },
      );
      await reader.swipe({ number: loyaltyNumber }, { 1: 'unreadable', 2: 'unreadable' });
    });
    expect(outcomes).toEqual([
      { ok: true, value: { kind: 'loyalty', number: loyaltyNumber } },
      { ok: true, value: { kind: 'payment-card', masked: '•••• 1111' } },
      {
        ok: true,
        value: expect.objectContaining({
          kind: 'misread',
          error: expect.objectContaining({ code: 'unreadable' }),
        }),
      },
    ]);
  });

  it('sends the HID POS page layout when made with it', async () => {
    const reader = new VirtualHidCardReader('/dev/hidraw-virtual-msr', hidPosMsrLayout);
    const outcomes = await readThrough(reader, () => reader.swipe({ number: loyaltyNumber }));
    expect(outcomes).toEqual([{ ok: true, value: { kind: 'loyalty', number: loyaltyNumber } }]);
  });
});
