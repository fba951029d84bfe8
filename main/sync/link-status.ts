// The link to HQ in one status for the indicator and the sync page: the pushes on top, as the
// indicator reads them, with the pulls, the first download and the HQ address beside them.
import type { BootstrapStatus, PullStatus, PushStatus, SyncStatus } from '../../contract/sync-status';

export function linkStatus(
  push: PushStatus,
  pull: PullStatus,
  bootstrap: BootstrapStatus | null,
  hqUrl: string | null,
): SyncStatus {
  // A till without HQ's catalogue and customers is not ready, however well its pushes go; a refusal
  // still comes first, as it needs a person whatever else is going on.
  const preparing = bootstrap !== null && bootstrap.phase !== 'done';
  const state = push.state === 'refused' ? 'refused' : preparing ? 'preparing' : push.state;
  return { ...push, state, hqUrl, pull, bootstrap };
}
