import { lightGlyph } from '../devices/DeviceIndicators';
import { useI18n } from '../i18n/context';
import { syncLight } from '../state/sync';
import { usePos, usePosStore } from '../state/StoreContext';
import { syncIndicatorLines, syncIndicatorText } from './syncWords';
import './syncIndicator.css';

/**
 * The link to HQ in the status bar: online, offline since when, refused or not enrolled, and what
 * waits. A tap opens the sync page.
 */
export function SyncIndicator() {
  const store = usePosStore();
  const i18n = useI18n();
  const sync = usePos((state) => state.sync);
  const onSyncPage = usePos((state) => state.screen === 'sync');
  const paymentBusy = usePos((state) => state.payment.busy !== null);
  if (!sync) return null;

  const light = syncLight(sync);
  const text = syncIndicatorText(i18n, sync);
  const lines = syncIndicatorLines(i18n, sync);
  return (
    <button
      type="button"
      className="sync-indicator"
      data-testid="sync-indicator"
      data-state={sync.state}
      data-light={light}
      data-waiting={sync.queueDepth}
      aria-pressed={onSyncPage}
      aria-label={text}
      title={text}
      disabled={paymentBusy}
      onClick={() => store.openSync()}
    >
      <span className="sync-indicator__light" aria-hidden="true">
        {lightGlyph[light]}
      </span>
      <span className="sync-indicator__lines" aria-hidden="true">
        <span className="sync-indicator__state">{lines.state}</span>
        {lines.waiting !== null && <span className="sync-indicator__waiting">{lines.waiting}</span>}
      </span>
    </button>
  );
}
