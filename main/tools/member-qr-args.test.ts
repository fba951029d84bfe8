import { describe, expect, it } from 'vitest';
import { parseMemberQrArgs, usage } from './member-qr-args';

const bad = (argv: string[]) => {
  const parsed = parseMemberQrArgs(argv);
  if (parsed.ok) throw new Error(`accepted ${argv.join(' ')}`);
  return parsed.message;
};

describe('parseMemberQrArgs', () => {
  it('reads a demo command line with every option', () => {
    expect(
      parseMemberQrArgs([
        '+7 916 111-22-33',
        '--at',
        '2026-11-23T15:00:10+03:00',
        '--key=k2026',
        '--png',
        'member.png',
        '--json',
        '--data-dir',
        '/tmp/till',
      ]),
    ).toEqual({
      ok: true,
      command: {
        customer: '+7 916 111-22-33',
        at: new Date('2026-11-23T12:00:10Z'),
        keyId: 'k2026',
        png: 'member.png',
        json: true,
        dataDir: '/tmp/till',
      },
    });
  });

  it('defaults to now, the current signing key and the QR in the terminal', () => {
    expect(parseMemberQrArgs(['42'])).toEqual({
      ok: true,
      command: { customer: '42', at: null, keyId: null, png: null, json: false, dataDir: null },
    });
    expect(parseMemberQrArgs(['--at', '2026-11-23T12:00:10.250Z', '2700000000014'])).toMatchObject({
      ok: true,
      command: { customer: '2700000000014', at: new Date(Date.UTC(2026, 10, 23, 12, 0, 10, 250)) },
    });
    expect(parseMemberQrArgs(['--at', '1970-01-01T00:00Z', '42'])).toMatchObject({
      command: { at: new Date(0) },
    });
    expect(parseMemberQrArgs(['-h'])).toEqual({ ok: true, command: 'help' });
    expect(parseMemberQrArgs(['42', '--help'])).toEqual({ ok: true, command: 'help' });
    expect(usage).toContain('--data-dir');
  });

  it.each([
    [[], /name the customer/],
    [['  '], /name the customer/],
    [['+7', '916', '111-22-33'], /one customer at a time, got 3 arguments; quote a phone number/],
    [['42', '--at', 'yesterday'], /--at takes an ISO 8601 time with a zone.*"yesterday"/],
    [['42', '--at', '2026-11-23T12:00:00'], /--at takes an ISO 8601 time with a zone/],
    [['42', '--at', '2026-11-23'], /--at takes an ISO 8601 time/],
    [['42', '--at', '2026-02-30T12:00:00Z'], /--at takes an ISO 8601 time/],
    [['42', '--at', '2026-11-23T24:00:00Z'], /--at takes an ISO 8601 time/],
    [['42', '--at', '2026-11-23T12:60:00Z'], /--at takes an ISO 8601 time/],
    [['42', '--at', '2026-11-23T12:00:00+24:00'], /--at takes an ISO 8601 time/],
    [['42', '--at', '1969-12-31T23:59:59Z'], /--at must be 1970-01-01T00:00:00Z or later/],
    [['42', '--at'], /argument missing/],
    [['42', '--key', 'k-2026'], /--key takes a key id of 1–16 letters or digits, got "k-2026"/],
    [['42', '--key', 'k'.repeat(17)], /--key takes a key id/],
    [['42', '--png', ' '], /--png needs a file/],
    [['42', '--data-dir', ''], /--data-dir needs a folder/],
    [['42', '--json=yes'], /does not take an argument/],
    [['42', '--jsn'], /Unknown option '--jsn'/],
    [['42', '--key', 'a', '--key', 'b'], /--key is given more than once/],
  ])('refuses %j with a one-line message saying what is wrong', (argv, message) => {
    const text = bad(argv);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });
});
