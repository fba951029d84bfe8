import { describe, expect, it } from 'vitest';
import { HidPosAssembler } from '../scanner/hid-pos-assembler';
import { hexBytes, hidReportFixtures } from '../scanner/hid-pos-fixtures';
import { genericLayout, honeywellLayout } from '../scanner/hid-pos-layouts';
import { HidTransport } from '../transports/hid';
import { VirtualHidBus, VirtualHidScanner } from './hid-scanner';

describe('virtual HID POS scanner', () => {
  it.each(hidReportFixtures.map((fixture) => [fixture.name, fixture] as const))(
    'replays the recorded %s reports through the HID transport into a scan',
    async (_name, fixture) => {
      const bus = new VirtualHidBus();
      const scanner = new VirtualHidScanner('/dev/hidraw-virtual1');
      bus.plug(scanner);
      const transport = new HidTransport({ path: scanner.path }, bus);
      const assembler = new HidPosAssembler({
        layout: fixture.layout === 'honeywell' ? honeywellLayout : genericLayout,
        deviceId: 'hid:virtual',
      });
      const scans: unknown[] = [];
      transport.on('data', (report) => scans.push(...assembler.push(report, Date.now())));
      await transport.open();

      await scanner.sendReports(fixture.reports.map((rows) => hexBytes(rows)));
      await transport.close();

      expect(scans).toEqual([
        {
          ok: true,
          value: expect.objectContaining({ ...fixture.expected, source: 'hid-pos', deviceId: 'hid:virtual' }),
        },
      ]);
    },
  );

  it('refuses to open a path nothing is plugged into, as node-hid does', async () => {
    await expect(new VirtualHidBus().open('/dev/hidraw9')).rejects.toThrow(
      "cannot open device with path /dev/hidraw9: Failed to open a device with path '/dev/hidraw9': No such file or directory",
    );
  });
});
