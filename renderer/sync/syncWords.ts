import type { SyncStatus } from '../../contract/sync-status';
import type { I18n } from '../i18n/context';
import { bootstrapStopped } from '../state/sync';

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
 * person must act before anything is sent, and the sync page counts the queue. A preparing till
 * pushes its sales as usual, so what waits is counted.
 */
export function syncIndicatorLines(words: Words, status: SyncStatus): SyncIndicatorLines {
  const { t } = words;
  const state =
    status.state === 'offline'
      ? t('sync.indicator.offline', { time: offlineTime(words, status) })
      : bootstrapStopped(status)
        ? t('sync.preparingStopped')
        : t(`sync.indicator.${status.state}`);
  const counted = status.state === 'online' || status.state === 'offline' || status.state === 'preparing';
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
  if (status.state === 'offline') return words.t('sync.states.offline', { time: offlineTime(words, status) });
  if (bootstrapStopped(status)) return words.t('sync.preparingStoppedState');
  return words.t(`sync.states.${status.state}`);
}
