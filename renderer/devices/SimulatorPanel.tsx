import type { FormEvent, ReactNode } from 'react';
import { useId, useState } from 'react';
import { useI18n } from '../i18n/context';
import { simulatedPrinter } from '../state/devices';
import type { SimulatedScanVia } from '../state/posStore';
import { usePos, usePosStore } from '../state/StoreContext';
import type { SimulatedPrinter } from '../state/types';

function Toggle(props: { testId: string; pressed: boolean; onToggle: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className="button sim-toggle"
      data-testid={props.testId}
      aria-pressed={props.pressed}
      onClick={props.onToggle}
    >
      <span className="sim-toggle__box" aria-hidden="true" />
      {props.children}
    </button>
  );
}

/** For demos and tests: labels sent as the simulated scanners would send them, and the simulated printer's troubles. */
export function SimulatorPanel() {
  const store = usePosStore();
  const { t } = useI18n();
  const inputId = useId();
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const printerSet = usePos((state) => state.simulatedPrinter);
  const devices = usePos((state) => state.devices);
  const condition = simulatedPrinter(printerSet, devices);

  const send = async (via: SimulatedScanVia) => {
    const data = code.trim();
    if (!data || sending) return;
    setSending(true);
    setSent(null);
    if (await store.simulateScan(via, data)) setSent(data);
    setSending(false);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send('serial');
  };
  const toggle = (change: Partial<SimulatedPrinter>) => () => void store.simulatePrinter(change);

  return (
    <section
      className="devices-panel simulator"
      data-testid="simulator-panel"
      aria-labelledby="simulator-title"
    >
      <h3 className="devices-panel__title" id="simulator-title">
        {t('simulator.title')}
      </h3>
      <p className="devices-panel__hint">{t('simulator.hint')}</p>
      <form className="simulator__scan" onSubmit={onSubmit}>
        <label className="simulator__label" htmlFor={inputId}>
          {t('simulator.scanLabel')}
        </label>
        <input
          id={inputId}
          className="simulator__input"
          data-testid="sim-scan-input"
          placeholder={t('simulator.scanPlaceholder')}
          value={code}
          maxLength={1024}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setCode(event.target.value)}
        />
        <div className="simulator__buttons">
          <button
            type="submit"
            className="button button--primary"
            data-testid="sim-scan-serial"
            disabled={sending || code.trim() === ''}
          >
            {t('simulator.viaSerial')}
          </button>
          <button
            type="button"
            className="button button--primary"
            data-testid="sim-scan-hid"
            disabled={sending || code.trim() === ''}
            onClick={() => void send('hid')}
          >
            {t('simulator.viaHid')}
          </button>
        </div>
        <p className="simulator__sent" role="status" data-testid="sim-scan-sent">
          {sent !== null && t('simulator.sent', { code: sent })}
        </p>
      </form>
      <h4 className="simulator__subtitle">{t('simulator.printer')}</h4>
      <div className="simulator__toggles">
        <Toggle
          testId="sim-paper-out"
          pressed={condition.paperOut}
          onToggle={toggle({ paperOut: !condition.paperOut })}
        >
          {t('simulator.paperOut')}
        </Toggle>
        <Toggle
          testId="sim-paper-near-end"
          pressed={condition.paperNearEnd}
          onToggle={toggle({ paperNearEnd: !condition.paperNearEnd })}
        >
          {t('simulator.paperNearEnd')}
        </Toggle>
        <Toggle
          testId="sim-cover-open"
          pressed={condition.coverOpen}
          onToggle={toggle({ coverOpen: !condition.coverOpen })}
        >
          {t('simulator.coverOpen')}
        </Toggle>
        <Toggle
          testId="sim-unplug"
          pressed={!condition.pluggedIn}
          onToggle={toggle({ pluggedIn: !condition.pluggedIn })}
        >
          {t('simulator.unplugged')}
        </Toggle>
      </div>
    </section>
  );
}
