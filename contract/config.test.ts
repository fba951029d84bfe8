import { describe, expect, it } from 'vitest';
import { TillConfig, defaultTillConfig } from './config';

// A config file as IT wrote it before scanner settings existed.
const withoutScanner: Omit<TillConfig, 'scanner'> = {
  store: defaultTillConfig.store,
  terminal: defaultTillConfig.terminal,
  embeddedBarcodes: defaultTillConfig.embeddedBarcodes,
  paymentTerminal: defaultTillConfig.paymentTerminal,
  login: defaultTillConfig.login,
};

describe('TillConfig scanner settings', () => {
  it('keeps a config file written before scanners had settings valid, filling in the defaults', () => {
    const parsed = TillConfig.parse(JSON.parse(JSON.stringify(withoutScanner)));
    expect(parsed.scanner).toEqual(defaultTillConfig.scanner);
    expect(parsed.scanner.serial).toMatchObject({ suffix: 'EOL', aimIds: true });
  });

  it('fills in what a partial scanner section leaves out', () => {
    const parsed = TillConfig.parse({
      ...withoutScanner,
      scanner: { gs1Separator: '~', serial: { suffix: 'CR' } },
    });
    expect(parsed.scanner.gs1Separator).toBe('~');
    expect(parsed.scanner.serial).toMatchObject({ suffix: 'CR', prefix: 'none', maxFrameBytes: 4096 });
    expect(parsed.scanner.loyaltyCards).toEqual(defaultTillConfig.scanner.loyaltyCards);
  });

  it('names the field of a bad setting', () => {
    const bad = (scanner: unknown) => {
      const result = TillConfig.safeParse({ ...withoutScanner, scanner });
      return result.success ? null : result.error.issues[0]?.path.join('.');
    };
    expect(bad({ couponPatterns: ['(unclosed'] })).toBe('scanner.couponPatterns.0');
    expect(bad({ memberQrPatterns: ['^OMNI:(?<id>\\d+)$'] })).toBe('scanner.memberQrPatterns.0');
    expect(bad({ giftCards: [{ from: '29', to: '2', length: 13, check: 'gtin' }] })).toBe(
      'scanner.giftCards.0.to',
    );
    expect(bad({ gs1Separator: '~~' })).toBe('scanner.gs1Separator');
    expect(bad({ serial: { suffix: [256] } })).toBe('scanner.serial.suffix.0');
    expect(bad({ extra: true })).toBe('scanner');
  });
});
