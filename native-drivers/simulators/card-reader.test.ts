import { afterEach, describe, expect, it } from 'vitest';
import type { CardRead } from '../card-reader/swipe';
import { SwipeStream } from '../card-reader/swipe-stream';
import { demoRanges, loyaltyNumber, paymentPans } from '../card-reader/test-cards';
import { SerialTransport } from '../transports/serial';
import { VirtualSerialCardReader, swipeText } from './card-reader';

let reader: VirtualSerialCardReader | undefined;
let port: SerialTransport | undefined;

afterEach(async () => {
  await port?.close();
  await reader?.close();
  port = reader = undefined;
});

describe('virtual card reader', () => {
  it('types tracks as a MagTek reader in keyboard mode does', () => {
    expect(
      swipeText({ number: '2700123456784', name: 'IVANOV/IVAN', expiry: '2712', serviceCode: '120' }),
    ).toBe('%B2700123456784^IVANOV/IVAN^2712120?;2700123456784=2712120?');
    expect(swipeText({ number: '1' }, { tracks: { 1: 'unreadable', 2: 'data', 3: 'unreadable' } })).toBe(
      '%E?;1=3012101?+E?',
    );
  });

  it('swipes over a serial line into the card reader driver: loyalty read, payment card refused', async () => {
    reader = await VirtualSerialCardReader.start();
    port = new SerialTransport({ path: reader.devicePath, baudRate: 9600 });
    await port.open();
    const reads: CardRead[] = [];
    const twoReads = new Promise<void>((resolve) => {
      const stream = new SwipeStream(demoRanges, (read) => {
        reads.push(read);
        if (reads.length === 2) resolve();
      });
      port?.on('data', (chunk) => stream.push(chunk));
    });

    await reader.swipe({ number: loyaltyNumber }, { tracks: { 2: 'data' }, interByteDelayMs: 1 });
    await reader.swipe({ number: paymentPans.visa, name: 'PETROVA/ANNA' });
    await twoReads;

    expect(reads).toEqual([
      { kind: 'loyalty', number: loyaltyNumber },
      { kind: 'payment-card', masked: '•••• 1111' },
    ]);
  });
});
