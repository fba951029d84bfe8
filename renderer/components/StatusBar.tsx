import { DeviceIndicators } from '../devices/DeviceIndicators';
import { useI18n } from '../i18n/context';
import { usePos, usePosStore } from '../state/StoreContext';
import { SyncIndicator } from '../sync/SyncIndicator';
import { Clock } from './Clock';
import { LocaleSelect } from './LocaleSelect';
import { SimOutcomeSelect } from './SimOutcomeSelect';
import './statusBar.css';

export function StatusBar() {
  const store = usePosStore();
  const { t } = useI18n();
  const status = usePos((state) => state.status);
  const screen = usePos((state) => state.screen);
  const paymentBusy = usePos((state) => state.payment.busy !== null);
  const user = status?.user ?? null;
  const signedIn = user !== null && screen !== 'login' && screen !== 'boot';

  return (
    <header className="status-bar" data-testid="status-bar">
      <div className="status-bar__store">
        <strong>{status?.store.name ?? t('app.name')}</strong>
        {status && (
          <span className="status-bar__muted">{t('status.terminal', { code: status.terminalCode })}</span>
        )}
      </div>
      {signedIn && (
        <div className="status-bar__user" data-testid="status-user" title={user.name}>
          <span className="status-bar__muted">
            {t(user.role === 'manager' ? 'login.manager' : 'login.cashier')}
          </span>{' '}
          <strong>{user.name}</strong>
        </div>
      )}
      <div className="status-bar__tools">
        {signedIn && status?.paymentSimulator && (
          <SimOutcomeSelect initial={status.paymentSimulator.outcome} />
        )}
        {signedIn && <SyncIndicator />}
        {signedIn && <DeviceIndicators />}
        {signedIn && (
          <button
            type="button"
            className="button button--bar"
            data-testid="returns-button"
            aria-pressed={screen === 'returns'}
            disabled={paymentBusy}
            onClick={() => store.openReturns()}
          >
            {t('status.returns')}
          </button>
        )}
        <LocaleSelect />
        <Clock />
        {signedIn && (
          <button
            type="button"
            className="button button--bar"
            data-testid="logout"
            disabled={paymentBusy}
            onClick={() => void store.logout()}
          >
            {t('status.logout')}
          </button>
        )}
      </div>
    </header>
  );
}
