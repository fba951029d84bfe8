// A magnetic stripe reader in HID mode behind the same node-hid-shaped interface the HID transport
// uses, for tests and the demo: each swipe is one input report (hid-msr-layouts.ts; MagTek's layout
// by default, as a MagTek or ID TECH reader sends it), and recorded reports (hid-msr-fixtures.ts) can
// be replayed as they are. Plugged into a VirtualHidBus like the simulated HID scanner.
import { magtekLayout } from '../card-reader/hid-msr-layouts';
import type { HidMsrLayout } from '../card-reader/hid-msr-layouts';
import { encodeHidMsrReport } from '../card-reader/hid-msr-report';
import type { HidMsrTrack } from '../card-reader/hid-msr-report';
import type { TrackNumber } from '../card-reader/tracks';
import { trackText } from './card-reader';
import type { TestCard, TrackContent } from './card-reader';
import { VirtualHidScanner } from './hid-scanner';

export class VirtualHidCardReader extends VirtualHidScanner {
  constructor(
    path: string,
    readonly layout: HidMsrLayout = magtekLayout,
  ) {
    super(path);
  }

  /** Swipes a card: the one input report the reader sends for it. Default: tracks 1 and 2 read. */
  async swipe(
    card: TestCard,
    tracks: Partial<Record<TrackNumber, TrackContent>> = { 1: 'data', 2: 'data' },
  ): Promise<void> {
    const fields: Partial<Record<TrackNumber, HidMsrTrack>> = {};
    for (const track of [1, 2, 3] as const) {
      const content = tracks[track] ?? 'absent';
      if (content === 'unreadable') fields[track] = { unreadable: true };
      // In HID mode a reader sends the track as decoded from the stripe, where track 3 starts with ';'.
      if (content === 'data') fields[track] = trackText(card, track).replace(/^\+/, ';');
    }
    await this.sendReports([encodeHidMsrReport(fields, this.layout)]);
  }
}
