import { describe, expect, it } from 'vitest';
import { createProgressReporter, progressLine } from './progress';

describe('progress', () => {
  it('shows the table, a bar, counts, share, rate and time left', () => {
    expect(progressLine({ table: 'customers', done: 500_000, total: 2_000_000 }, 5)).toBe(
      'customers   [######------------------]  500,000/2,000,000   25%  100,000/s  ETA 15s',
    );
    expect(progressLine({ table: 'products', done: 10, total: 10 }, 0)).toMatch(/100% {2}0\/s {2}done$/);
    expect(progressLine({ table: 'sales', done: 0, total: 0 }, 1)).toMatch(/\[#{24}\].*done$/);
    expect(progressLine({ table: 'sales', done: 1, total: 101 }, 1)).toMatch(/ETA 1m 40s$/);
    expect(progressLine({ table: 'sales', done: 1, total: 100_000 }, 1)).toMatch(/ETA 27h 46m$/);
  });

  it('prints a line per tenth in a log, and closes each table once', () => {
    const lines: string[] = [];
    let clock = 0;
    const report = createProgressReporter({ isTTY: false, write: (text) => lines.push(text) }, () => clock);
    for (let done = 0; done <= 100; done += 5) {
      clock += 100;
      report({ table: 'products', done, total: 100 });
    }
    report({ table: 'products', done: 100, total: 100 });
    report({ table: 'users', done: 0, total: 0 });
    expect(lines).toHaveLength(11 + 1);
    expect(lines.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(lines[10]).toMatch(/^products .*100%.*done\n$/);
  });

  it('redraws one line in place on a terminal', () => {
    const writes: string[] = [];
    const report = createProgressReporter({ isTTY: true, write: (text) => writes.push(text) }, () => 0);
    report({ table: 'sales', done: 1, total: 2 });
    report({ table: 'sales', done: 2, total: 2 });
    const clearLine = '\u001b[K';
    expect(writes[0]?.startsWith('\rsales ')).toBe(true);
    expect(writes[0]?.endsWith(clearLine)).toBe(true);
    expect(writes[1]?.endsWith(`done${clearLine}\n`)).toBe(true);
  });
});
