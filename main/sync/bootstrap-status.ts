// The bootstrap's progress as the sync page shows it, folded from what its worker reports. Pure: the
// worker says what happened, this says what the cashier sees.
import type { BootstrapStatus, BootstrapStreamProgress } from '../../contract/sync-status';
import type { PullStream } from '../../contract/pull-stream';
import type { BootstrapWorkerMessage } from './bootstrap-messages';

export type BootstrapReport = Exclude<BootstrapWorkerMessage, { type: 'log' }>;

export function bootstrapStarted(streams: readonly PullStream[], at: string): BootstrapStatus {
  return {
    phase: 'starting',
    streams: streams.map((stream) => ({ stream, state: 'waiting', done: 0, expected: null })),
    bytes: 0,
    resumes: 0,
    startedAt: at,
    finishedAt: null,
    error: null,
  };
}

const withStream = (
  status: BootstrapStatus,
  stream: PullStream,
  patch: (current: BootstrapStreamProgress) => BootstrapStreamProgress,
): BootstrapStreamProgress[] =>
  status.streams.map((entry) => (entry.stream === stream ? patch(entry) : entry));

export function foldBootstrap(status: BootstrapStatus, report: BootstrapReport, at: string): BootstrapStatus {
  // What a stopped bootstrap's worker says while it winds down changes nothing on screen.
  if (status.phase === 'done' || status.phase === 'failed') return status;
  switch (report.type) {
    case 'progress':
      return {
        ...status,
        phase: 'downloading',
        bytes: report.bytes,
        // Downloading again: the cut that made it resume is over (the count of resumes stays).
        error: null,
        streams: withStream(status, report.stream, (entry) => ({
          ...entry,
          state: 'downloading',
          done: report.done,
          expected: Math.max(report.total, report.done),
        })),
      };
    case 'resuming':
      return {
        ...status,
        phase: 'resuming',
        resumes: status.resumes + 1,
        error: { at, stream: report.stream, code: report.code, message: report.message },
      };
    case 'stream-done': {
      const streams = withStream(status, report.stream, (entry) => ({
        ...entry,
        state: 'done',
        done: report.items,
        expected: report.items,
      }));
      const allDone = streams.every((entry) => entry.state === 'done');
      return { ...status, phase: allDone ? 'finishing' : status.phase, streams };
    }
    case 'done':
      return {
        ...status,
        phase: 'done',
        bytes: report.bytes,
        finishedAt: at,
        error: null,
        streams: status.streams.map((entry) => ({ ...entry, state: 'done' })),
      };
    case 'failed':
      return {
        ...status,
        phase: 'failed',
        error: { at, stream: report.stream, code: report.code, message: report.message },
      };
  }
}
