import { describe, expect, it } from 'vitest';
import { ClaimRegistry } from './claim';
import { ManualScheduler } from './test-support/fakes';
import { TransportError } from './types';

const printer = 'usb:04b8:0e15@1-1.4';

describe('claiming a device (UnifiedPOS claim/release)', () => {
  it('gives the device to one claimant and refuses a second with "claimed" until released', () => {
    const claims = new ClaimRegistry();
    const checkout = claims.claim(printer, 'checkout');
    expect(claims.holder(printer)).toBe('checkout');

    let refusal: unknown;
    try {
      claims.claim(printer, 'devices page');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(TransportError);
    expect(refusal).toMatchObject({ kind: 'claimed', message: `${printer} is in use by checkout` });

    checkout.release();
    expect(checkout.held).toBe(false);
    expect(claims.claim(printer, 'devices page').claimant).toBe('devices page');
  });

  it('lets the holder claim again and ignores a second release', () => {
    const claims = new ClaimRegistry();
    const first = claims.claim(printer, 'checkout');
    expect(claims.claim(printer, 'checkout')).toBe(first);
    first.release();
    const other = claims.claim(printer, 'devices page');
    first.release();
    expect(other.held).toBe(true);
    expect(claims.holder(printer)).toBe('devices page');
  });

  it('keeps claims of different devices apart', () => {
    const claims = new ClaimRegistry();
    claims.claim(printer, 'checkout');
    expect(claims.claim('hid:0c2e:0b61', 'devices page').held).toBe(true);
  });

  it('hands the device to waiting claimants in turn as it is released', async () => {
    const claims = new ClaimRegistry(new ManualScheduler());
    const checkout = claims.claim(printer, 'checkout');
    const testPrint = claims.claimWithin(printer, 'test print', 1000);
    const diagnostics = claims.claimWithin(printer, 'diagnostics', 1000);
    checkout.release();
    const second = await testPrint;
    expect(second.claimant).toBe('test print');
    second.release();
    expect((await diagnostics).claimant).toBe('diagnostics');
  });

  it('fails a waiting claim with "claimed" when the timeout passes first', async () => {
    const scheduler = new ManualScheduler();
    const claims = new ClaimRegistry(scheduler);
    const checkout = claims.claim(printer, 'checkout');
    const waiting = claims.claimWithin(printer, 'test print', 500).catch((error: unknown) => error);
    await scheduler.advance(500);
    expect(await waiting).toMatchObject({ kind: 'claimed', message: `${printer} is in use by checkout` });
    checkout.release();
    expect(claims.holder(printer)).toBeNull();
  });
});
