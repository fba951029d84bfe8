import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff';

describe('reconnect back-off', () => {
  it('doubles from a quarter second and stops at ten seconds', () => {
    const top = () => 1;
    expect([0, 1, 2, 3, 10, 50].map((attempt) => reconnectDelay(attempt, top))).toEqual([
      250, 500, 1000, 2000, 10_000, 10_000,
    ]);
  });

  it('never waits less than half the ceiling', () => {
    expect(reconnectDelay(2, () => 0)).toBe(500);
  });
});
