import { describe, expect, it } from 'vitest';
import type { BootstrapPhase, PullStatus, PushStatus } from '../../contract/sync-status';
import { bootstrapStarted } from './bootstrap-status';
import { linkStatus } from './link-status';

const at = '2025-11-23T10:00:00.000Z';
const push = (state: PushStatus['state']): PushStatus => ({
  state,
  offlineSince: null,
  queueDepth: 0,
  lastSuccessAt: null,
  lastError: null,
  nextAttemptAt: null,
});
const pull: PullStatus = {
  state: 'idle',
  lastPullAt: null,
  lastError: null,
  nextAttemptAt: null,
  streams: [],
};
const bootstrap = (phase: BootstrapPhase) => ({ ...bootstrapStarted(['catalogue'], at), phase });

describe('the link to HQ in one status', () => {
  it('is preparing while the first download runs or has stopped, whatever the pushes say', () => {
    expect(linkStatus(push('not-enrolled'), pull, bootstrap('starting'), 'https://hq.example').state).toBe(
      'preparing',
    );
    expect(linkStatus(push('online'), pull, bootstrap('failed'), null).state).toBe('preparing');
    expect(linkStatus(push('offline'), pull, bootstrap('resuming'), null).state).toBe('preparing');
  });

  it('says what the pushes say once the till is ready, or when none ran since it started', () => {
    expect(linkStatus(push('online'), pull, bootstrap('done'), null).state).toBe('online');
    expect(linkStatus(push('offline'), pull, null, null).state).toBe('offline');
  });

  it('puts a refusal first: it needs a person whatever else goes on', () => {
    expect(linkStatus(push('refused'), pull, bootstrap('downloading'), null).state).toBe('refused');
  });

  it('carries the HQ address, the pulls and the download beside the pushes', () => {
    const status = linkStatus(push('online'), pull, bootstrap('done'), 'https://hq.example');
    expect(status).toMatchObject({ hqUrl: 'https://hq.example', pull, bootstrap: { phase: 'done' } });
  });
});
