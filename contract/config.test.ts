import { describe, expect, it } from 'vitest';
import { DEMO_MEMBER_QR_KEY, TillConfig, defaultTillConfig } from './config';

// A config file as IT wrote it before scanner, device and member QR settings existed.
const withoutScanner: Omit<TillConfig, 'scanner' | 'devices' | 'memberQr' | 'privacy'> = {
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
    expect(parsed.privacy).toEqual({ revealPersonalDataTo: ['manager'] });
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

describe('TillConfig member QR keys', () => {
  const secret = Buffer.alloc(32, 7).toString('base64');
  const keysError = (keys: unknown) =>
    TillConfig.safeParse({ ...withoutScanner, memberQr: { keys } }).error?.issues[0]?.message;

  it('gives a config file without keys the demo key only', () => {
    const parsed = TillConfig.parse(JSON.parse(JSON.stringify(withoutScanner)));
    expect(parsed.memberQr).toEqual({ keys: [DEMO_MEMBER_QR_KEY] });
    expect(defaultTillConfig.memberQr).toEqual(parsed.memberQr);
  });

  it('takes a keyring with a retired key and the current one', () => {
    const keys = [
      { id: 'k2025', secret, retired: true },
      { id: 'k2026', secret },
    ];
    const parsed = TillConfig.parse({ ...withoutScanner, memberQr: { keys } });
    expect(parsed.memberQr.keys.map((key) => [key.id, key.retired])).toEqual([
      ['k2025', true],
      ['k2026', false],
    ]);
  });

  it('refuses short or non-base64 secrets, duplicate ids and a keyring with every key retired', () => {
    expect(keysError([{ id: 'k1', secret: Buffer.alloc(31).toString('base64') }])).toBe('at least 32 bytes');
    expect(keysError([{ id: 'k1', secret: 'not base64!' }])).toBe('base64');
    expect(keysError([{ id: 'k-1', secret }])).toBe('1–16 letters or digits');
    expect(
      keysError([
        { id: 'k1', secret },
        { id: 'k1', secret },
      ]),
    ).toBe('key ids are unique');
    expect(keysError([{ id: 'k1', secret, retired: true }])).toBe('at least one key is not retired');
    expect(keysError([])).toBeDefined();
  });

  it('names the field of a bad secret without echoing the secret', () => {
    const result = TillConfig.safeParse({
      ...withoutScanner,
      memberQr: { keys: [{ id: 'k1', secret: 'c2hvcnQ=' }] },
    });
    expect(result.error?.issues[0]?.path).toEqual(['memberQr', 'keys', 0, 'secret']);
    expect(JSON.stringify(result.error?.issues)).not.toContain('c2hvcnQ');
  });
});
