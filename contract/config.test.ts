import { describe, expect, it } from 'vitest';
import { TillConfig, defaultTillConfig } from './config';

// A config file as IT wrote it before scanner and device settings existed.
const withoutScanner: Omit<TillConfig, 'scanner' | 'devices'> = {
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
    expect(parsed.devices).toEqual(defaultTillConfig.devices);
    expect(parsed.devices).toMatchObject({
      simulate: 'auto',
      printer: { connection: null, profile: 'generic-80' },
    });
  });

  it('takes a network printer and refuses a printer on a port that cannot exist', () => {
    const printer = { connection: { transport: 'tcp', host: '192.168.1.50' } };
    expect(TillConfig.parse({ ...withoutScanner, devices: { printer } }).devices.printer.connection).toEqual({
      transport: 'tcp',
      host: '192.168.1.50',
      port: 9100,
    });
    const bad = { connection: { transport: 'tcp', host: '192.168.1.50', port: 70_000 } };
    expect(TillConfig.safeParse({ ...withoutScanner, devices: { printer: bad } }).success).toBe(false);
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
