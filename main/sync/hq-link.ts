// The till's link to HQ as one thing: the pusher, the puller and a new till's first download, and
// the status the screen shows of all three. A till enrolled with an empty replica — just enrolled
// from the sync page, or with `npm run enrol` before its first start — bootstraps from HQ's
// snapshots in a worker; the puller, which would fetch the same rows page by page on the main
// thread, waits until that is done and then goes on from where the snapshots ended.
import type { SyncStatus } from '../../contract/sync-status';
import type { Logger } from '../log';
import type { Meta } from '../store/meta';
import type { Bootstrapper } from './bootstrapper';
import { readCredentials } from './credentials';
import { linkStatus } from './link-status';
import type { Puller } from './puller';
import type { Pusher } from './pusher';

export interface HqLinkOptions {
  dataDir: string;
  log: Logger;
  meta: Pick<Meta, 'get' | 'set'>;
  pusher: Pusher;
  puller: Puller;
  bootstrapper: Bootstrapper;
}

export interface HqLink {
  /** Pulls, or bootstraps first when this till has HQ's data still to download. */
  start(): Promise<void>;
  stop(): void;
  /** The till has just enrolled: bootstrap from HQ's snapshots; the answer says so already. */
  enrolled(): Promise<SyncStatus>;
  /** Pushes and pulls now; starts a stopped bootstrap again from its last checkpoints. */
  retryNow(): void;
  /** The outbox changed: the waiting count on screen follows. */
  queueChanged(): void;
  status(): SyncStatus;
  onStatus(listener: (status: SyncStatus) => void): () => void;
}

/** `pending` from enrolment until the bootstrap is done, so a restart in between goes on with it. */
const BOOTSTRAP_KEY = 'sync.bootstrap';

export function createHqLink(options: HqLinkOptions): HqLink {
  const { dataDir, log, meta, pusher, puller, bootstrapper } = options;
  const listeners = new Set<(status: SyncStatus) => void>();
  let hqUrl: string | null = null;
  let stopped = false;
  let announcing = false;

  const status = (): SyncStatus => linkStatus(pusher.status(), puller.status(), bootstrapper.status(), hqUrl);

  /** Changes come in bursts (a pull cycle, checkpoints): one announcement per turn of the event loop. */
  function announce() {
    if (announcing || listeners.size === 0) return;
    announcing = true;
    setImmediate(() => {
      announcing = false;
      if (stopped) return;
      const current = status();
      for (const listener of listeners) listener(current);
    });
  }

  async function readHqUrl(): Promise<string | null> {
    try {
      hqUrl = (await readCredentials(dataDir))?.hqUrl ?? null;
    } catch {
      // The pusher and the puller report a damaged file as their last error.
      hqUrl = null;
    }
    return hqUrl;
  }

  function bootstrap() {
    if (stopped) return;
    puller.stop();
    bootstrapper.start();
  }

  const offPush = pusher.onStatus(announce);
  const offPull = puller.onStatus(announce);
  const offBootstrap = bootstrapper.onChange((progress) => {
    if (progress.phase === 'done' && !stopped) {
      meta.set(BOOTSTRAP_KEY, 'done');
      // From the cursors the snapshots ended at: only what changed at HQ meanwhile comes down.
      puller.start();
    }
    announce();
  });

  return {
    async start() {
      const enrolled = (await readHqUrl()) !== null;
      if (stopped) return;
      const marker = meta.get(BOOTSTRAP_KEY);
      const emptyReplica = puller.status().streams.length === 0;
      if (enrolled && (marker === 'pending' || (marker === null && emptyReplica))) {
        log.info('sync.bootstrap_needed', { resumed: marker === 'pending' });
        meta.set(BOOTSTRAP_KEY, 'pending');
        bootstrap();
      } else {
        puller.start();
      }
      announce();
    },
    stop() {
      stopped = true;
      offPush();
      offPull();
      offBootstrap();
      bootstrapper.stop();
    },
    async enrolled() {
      await readHqUrl();
      meta.set(BOOTSTRAP_KEY, 'pending');
      pusher.retryNow();
      bootstrap();
      return status();
    },
    retryNow() {
      // Enrolled again meanwhile (`npm run enrol`): the address on the sync page follows.
      void readHqUrl().then(announce);
      pusher.retryNow();
      const phase = bootstrapper.status()?.phase;
      if (phase === 'failed') bootstrap();
      else if (phase === undefined || phase === 'done') void puller.pullNow();
    },
    queueChanged: announce,
    status,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
