import type { SyncStatus } from '../../contract/sync-status';
import type { I18n } from '../i18n/context';

type Words = Pick<I18n, 't' | 'moment'>;

/** Since when the till is offline; main always names it while offline. */
const offlineTime = ({ moment }: Words, status: SyncStatus): string =>
  status.offlineSince ? moment(status.offlineSince) : '—';

export interface SyncIndicatorLines {
  state: string;
  /** How many sales and changes wait, while the till is online or offline and any do. */
  waiting: string | null;
}

/**
 * The status bar's words: the state, and what waits. Refused and not enrolled say only that: a
 * person must act before anything is sent, and the sync page counts the queue.
 */
export function syncIndicatorLines(words: Words, status: SyncStatus): SyncIndicatorLines {
  const { t } = words;
  const state =
    status.state === 'offline'
      ? t('sync.indicator.offline', { time: offlineTime(words, status) })
      : t(`sync.indicator.${status.state}`);
  const counted = status.state === 'online' || status.state === 'offline';
  const waiting = counted && status.queueDepth > 0 ? t('sync.waiting', { count: status.queueDepth }) : null;
  return { state, waiting };
}

/** The indicator's words on one line, as it is read aloud and shown as its title. */
export function syncIndicatorText(words: Words, status: SyncStatus): string {
  const { state, waiting } = syncIndicatorLines(words, status);
  return waiting === null ? state : `${state} · ${waiting}`;
}

/** The sync page's headline: the state and what it means for the sales of the day. */
export function syncStateText(words: Words, status: SyncStatus): string {
  return status.state === 'offline'
    ? words.t('sync.states.offline', { time: offlineTime(words, status) })
    : words.t(`sync.states.${status.state}`);
}
