import { useEscape } from '../components/escape';
import { useI18n } from '../i18n/context';
import { showsSimulators } from '../state/devices';
import { usePos, usePosStore } from '../state/StoreContext';
import { DeviceList } from './DeviceList';
import { PrintQueuePanel } from './PrintQueuePanel';
import { SimulatorPanel } from './SimulatorPanel';
import './devices.css';

/** Every device of the till with its state in words, the print queue, and on a demo till the simulators. */
export function DevicesScreen() {
  const store = usePosStore();
  const { t } = useI18n();
  const simulators = usePos(showsSimulators);
  useEscape(() => store.closeDevices());

  return (
    <div className="devices" data-testid="devices-screen">
      <header className="devices__head">
        <h2 className="devices__title">{t('devices.title')}</h2>
        <div className="devices__actions">
          <button
            type="button"
            className="button"
            data-testid="devices-sync"
            onClick={() => store.openSync()}
          >
            {t('sync.open')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="devices-back"
            onClick={() => store.closeDevices()}
          >
            {t('devices.back')}
          </button>
        </div>
      </header>
      <div className="devices__body">
        <div className="devices__column">
          <DeviceList />
          {simulators && <SimulatorPanel />}
        </div>
        <PrintQueuePanel />
      </div>
    </div>
  );
}
