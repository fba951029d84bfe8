import { describe, expect, it } from 'vitest';
import { parseSeedArgs, usage } from './cli-args';
import { defaultSeedSize } from './write';

const bad = (argv: string[]) => {
  const parsed = parseSeedArgs(argv);
  if (parsed.ok) throw new Error(`accepted ${argv.join(' ')}`);
  return parsed.message;
};

describe('parseSeedArgs', () => {
  it('reads the benchmark command line', () => {
    const parsed = parseSeedArgs([
      '--products',
      '1_000_000',
      '--customers',
      '2000000',
      '--sales=200000',
      '--history',
      '4_800_000',
      '--data-dir',
      '/tmp/seed-big',
      '--seed',
      '7',
      '--as-of',
      '2025-03-10',
      '--force',
    ]);
    expect(parsed).toEqual({
      ok: true,
      command: {
        products: 1_000_000,
        customers: 2_000_000,
        sales: 200_000,
        history: 4_800_000,
        seed: 7,
        target: { dataDir: '/tmp/seed-big' },
        asOf: new Date('2025-03-10T00:00:00Z'),
        force: true,
      },
    });
  });

  it('defaults to the first-run store in the till data folder, seed 42, as of today', () => {
    expect(parseSeedArgs([])).toEqual({
      ok: true,
      command: { ...defaultSeedSize, seed: 42, target: null, asOf: null, force: false },
    });
    expect(parseSeedArgs(['--db', 'x.sqlite', '--products', '0'])).toMatchObject({
      ok: true,
      command: { products: 0, target: { db: 'x.sqlite' } },
    });
    expect(parseSeedArgs(['-h'])).toEqual({ ok: true, command: 'help' });
    expect(usage).toContain('--data-dir');
  });

  it.each([
    [['--products', '-5'], /--products takes a whole number from 0 to 10,000,000, got -5/],
    [['--products=-5'], /--products takes a whole number/],
    [['--customers', '-1_000'], /--customers takes a whole number/],
    [['--sales', '1.5'], /--sales takes a whole number.*"1\.5"/],
    [['--sales', '1e6'], /--sales takes a whole number/],
    [['--history', '-3'], /--history takes a whole number/],
    [['--products', ''], /--products takes a whole number/],
    [['--products', 'lots'], /--products takes a whole number/],
    [['--products', '0x10'], /--products takes a whole number/],
    [['--products', '1__000'], /--products takes a whole number/],
    [['--products', '10_000_001'], /--products takes a whole number from 0 to 10,000,000, got 10_000_001/],
    [['--customers', '99999999999999999999999'], /--customers takes a whole number/],
    [['--seed', '4294967296'], /--seed takes a whole number from 0 to 4,294,967,295/],
    [['--seed', '-1'], /--seed takes a whole number/],
    [['--as-of', '2025-02-30'], /--as-of takes a date as YYYY-MM-DD/],
    [['--as-of', 'yesterday'], /--as-of takes a date/],
    [['--prodcts', '5'], /Unknown option '--prodcts'/],
    [['-p', '5'], /Unknown option '-p'/],
    [['--sales'], /argument missing/],
    [['5000'], /Unexpected argument '5000'/],
    [['--force=yes'], /does not take an argument/],
    [['--products', '5', '--products', '6'], /--products is given more than once/],
    [['--db', 'a.sqlite', '--data-dir', 'b'], /give one/],
    [['--db', ' '], /--db needs a file path/],
    [['--data-dir', ''], /--data-dir needs a folder/],
  ])('refuses %j with a message saying what is wrong', (argv, message) => {
    const text = bad(argv);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });
});
