import { describe, expect, it } from 'vitest';
import type { BootstrapStatus } from '../../contract/sync-status';
import { barOf, bootstrapRows, pulledRows, receivedMegabytes, stoppedAt } from './bootstrapView';

const halfway: BootstrapStatus = {
  phase: 'downloading',
  streams: [
    { stream: 'settings', state: 'done', done: 2, expected: 2 },
    { stream: 'catalogue', state: 'done', done: 500_040, expected: 500_040 },
    { stream: 'customers', state: 'downloading', done: 250_000, expected: 1_000_000 },
    { stream: 'coupons', state: 'waiting', done: 0, expected: null },
  ],
  bytes: 412_345_678,
  resumes: 1,
  startedAt: '2025-11-23T10:00:00.000Z',
  finishedAt: null,
  error: null,
};

describe('the first download on the sync page', () => {
  it('draws a bar per kind of data, without an end for those HQ has not counted yet', () => {
    expect(bootstrapRows(halfway).map((row) => [row.stream, row.state, row.done, row.expected])).toEqual([
      ['settings', 'done', 2, 2],
      ['catalogue', 'done', 500_040, 500_040],
      ['customers', 'downloading', 250_000, 1_000_000],
      ['coupons', 'waiting', 0, null],
    ]);
  });

  it('never draws a bar past its end when the till holds a few more than HQ counted', () => {
    const more: BootstrapStatus = {
      ...halfway,
      streams: [{ stream: 'customers', state: 'downloading', done: 1_000_012, expected: 1_000_000 }],
    };
    expect(bootstrapRows(more)[0]).toMatchObject({ done: 1_000_012, expected: 1_000_012 });
  });

  it('fills a bar as the items come, runs it while HQ has not counted, and fills it once done, even for nothing', () => {
    const [settings, catalogue, customers, coupons] = bootstrapRows({
      ...halfway,
      streams: [
        { stream: 'settings', state: 'done', done: 0, expected: 0 },
        { stream: 'catalogue', state: 'downloading', done: 0, expected: null },
        { stream: 'customers', state: 'downloading', done: 250_000, expected: 1_000_000 },
        { stream: 'coupons', state: 'waiting', done: 0, expected: null },
      ],
    });
    if (!settings || !catalogue || !customers || !coupons) throw new Error('rows missing');
    expect(barOf(settings)).toEqual({ value: 1, max: 1 });
    expect(barOf(catalogue)).toBeNull();
    expect(barOf(customers)).toEqual({ value: 250_000, max: 1_000_000 });
    expect(barOf(coupons)).toEqual({ value: 0, max: 1 });
  });

  it('lists what came down from HQ in a fixed order, catalogue first', () => {
    const at = '2025-11-23T10:15:01.000Z';
    const rows = pulledRows({
      state: 'idle',
      lastPullAt: at,
      lastError: null,
      nextAttemptAt: null,
      streams: [
        { stream: 'settings', items: 2, appliedAt: at },
        { stream: 'customers', items: 10, appliedAt: at },
        { stream: 'catalogue', items: 40, appliedAt: at },
      ],
    });
    expect(rows.map((row) => row.stream)).toEqual(['catalogue', 'customers', 'settings']);
  });

  it('says the data received in whole megabytes', () => {
    expect(receivedMegabytes(halfway.bytes)).toBe(412);
  });

  it('names the kind of data a stopped download stopped at', () => {
    expect(stoppedAt(halfway)).toBeNull();
    const failed: BootstrapStatus = {
      ...halfway,
      phase: 'failed',
      error: {
        at: '2025-11-23T10:01:00.000Z',
        stream: 'customers',
        code: 'SNAPSHOT_INVALID',
        message: 'item 3',
      },
    };
    expect(stoppedAt(failed)).toBe('customers');
  });
});
