import { describe, expect, it } from 'vitest';
import { createRefresher } from './refresher';

describe('a refresher', () => {
  it('runs a load each time it is asked when none is under way', async () => {
    let loads = 0;
    const refresher = createRefresher(async () => {
      loads += 1;
    });
    await refresher.run();
    await refresher.run();
    expect(loads).toBe(2);
    expect(refresher.running).toBe(false);
  });

  it('loads once more, not once per ask, when asked during a load', async () => {
    let loads = 0;
    const finish: Array<() => void> = [];
    const refresher = createRefresher(() => {
      loads += 1;
      return new Promise<void>((resolve) => finish.push(resolve));
    });
    const first = refresher.run();
    void refresher.run();
    void refresher.run();
    expect(refresher.running).toBe(true);
    finish.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    finish.shift()?.();
    await first;
    expect(loads).toBe(2);
  });
});
