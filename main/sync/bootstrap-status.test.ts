import { describe, expect, it } from 'vitest';
import type { BootstrapStatus } from '../../contract/sync-status';
import { bootstrapStarted, foldBootstrap } from './bootstrap-status';
import type { BootstrapReport } from './bootstrap-status';

const at = (second: number) => new Date(Date.UTC(2025, 10, 23, 10, 0, second)).toISOString();

function fold(reports: readonly BootstrapReport[]): BootstrapStatus {
  return reports.reduce(
    (status, report, index) => foldBootstrap(status, report, at(index + 1)),
    bootstrapStarted(['catalogue', 'customers'], at(0)),
  );
}

const stream = (status: BootstrapStatus, name: string) =>
  status.streams.find((entry) => entry.stream === name);

describe('the first download’s progress as the sync page shows it', () => {
  it('starts with every stream waiting and nothing received', () => {
    expect(fold([])).toEqual({
      phase: 'starting',
      streams: [
        { stream: 'catalogue', state: 'waiting', done: 0, expected: null },
        { stream: 'customers', state: 'waiting', done: 0, expected: null },
      ],
      bytes: 0,
      resumes: 0,
      startedAt: at(0),
      finishedAt: null,
      error: null,
    });
  });

  it('follows a stream from HQ’s count to its end, then the next', () => {
    const status = fold([
      { type: 'progress', stream: 'catalogue', done: 0, total: 3040, bytes: 0 },
      { type: 'progress', stream: 'catalogue', done: 1000, total: 3040, bytes: 410_000 },
    ]);
    expect(status.phase).toBe('downloading');
    expect(status.bytes).toBe(410_000);
    expect(stream(status, 'catalogue')).toEqual({
      stream: 'catalogue',
      state: 'downloading',
      done: 1000,
      expected: 3040,
    });
    expect(stream(status, 'customers')?.state).toBe('waiting');

    const next = fold([
      { type: 'progress', stream: 'catalogue', done: 1000, total: 3040, bytes: 410_000 },
      { type: 'stream-done', stream: 'catalogue', items: 3041 },
      { type: 'progress', stream: 'customers', done: 0, total: 6000, bytes: 1_200_000 },
    ]);
    expect(stream(next, 'catalogue')).toMatchObject({ state: 'done', done: 3041, expected: 3041 });
    expect(stream(next, 'customers')).toMatchObject({ state: 'downloading', done: 0, expected: 6000 });
  });

  it('says why it is resuming after a cut, counts the resumes, and clears the reason once data flows again', () => {
    const cut: BootstrapReport = {
      type: 'resuming',
      stream: 'customers',
      attempt: 1,
      code: 'HQ_UNREACHABLE',
      message: 'the connection was cut',
      delayMs: 500,
    };
    const resuming = fold([
      { type: 'progress', stream: 'customers', done: 2000, total: 6000, bytes: 9 },
      cut,
    ]);
    expect(resuming).toMatchObject({
      phase: 'resuming',
      resumes: 1,
      error: { at: at(2), stream: 'customers', code: 'HQ_UNREACHABLE', message: 'the connection was cut' },
    });
    // The committed items stay on screen: the download goes on from them, not from zero.
    expect(stream(resuming, 'customers')?.done).toBe(2000);

    const flowing = foldBootstrap(
      resuming,
      { type: 'progress', stream: 'customers', done: 2000, total: 6000, bytes: 12 },
      at(9),
    );
    expect(flowing).toMatchObject({ phase: 'downloading', resumes: 1, error: null });
  });

  it('is finishing once every stream is in, and done with all of them full', () => {
    const finishing = fold([
      { type: 'stream-done', stream: 'catalogue', items: 3041 },
      { type: 'stream-done', stream: 'customers', items: 6000 },
    ]);
    expect(finishing.phase).toBe('finishing');
    const done = foldBootstrap(
      finishing,
      { type: 'done', items: { catalogue: 3041, customers: 6000 }, resumes: 0, bytes: 5_000_000, ms: 1500 },
      at(5),
    );
    expect(done).toMatchObject({ phase: 'done', finishedAt: at(5), bytes: 5_000_000, error: null });
    expect(done.streams.every((entry) => entry.state === 'done')).toBe(true);
  });

  it('stops with the reason and the stream, and ignores what a stopped run still says', () => {
    const failed = fold([
      { type: 'progress', stream: 'customers', done: 5000, total: 6000, bytes: 9 },
      { type: 'failed', stream: 'customers', code: 'SNAPSHOT_INVALID', message: 'item 6000: birthday' },
    ]);
    expect(failed).toMatchObject({
      phase: 'failed',
      error: { stream: 'customers', code: 'SNAPSHOT_INVALID', message: 'item 6000: birthday' },
    });
    expect(
      foldBootstrap(
        failed,
        { type: 'progress', stream: 'customers', done: 6000, total: 6000, bytes: 10 },
        at(9),
      ),
    ).toBe(failed);
  });
});
