import { useState } from 'react';
import { useI18n } from '../i18n/context';
import type { SimulatedOutcome } from '../state/posStore';
import { usePosStore } from '../state/StoreContext';

const outcomes = ['approve', 'decline', 'timeout'] as const satisfies readonly SimulatedOutcome[];
const isOutcome = (value: string): value is SimulatedOutcome =>
  (outcomes as readonly string[]).includes(value);

/** For demos and tests only: what the simulated card terminal answers next. */
export function SimOutcomeSelect({ initial }: { initial: SimulatedOutcome }) {
  const store = usePosStore();
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<SimulatedOutcome>(initial);
  const labels: Record<SimulatedOutcome, string> = {
    approve: t('status.simApprove'),
    decline: t('status.simDecline'),
    timeout: t('status.simTimeout'),
  };
  return (
    <label className="status-bar__sim">
      <span className="status-bar__sim-label">{t('status.simulatedTerminal')}</span>
      <select
        className="status-bar__select"
        title={t('status.simulatedTerminal')}
        data-testid="sim-payment-outcome"
        value={outcome}
        onChange={async (event) => {
          const next = event.target.value;
          if (!isOutcome(next)) return;
          const previous = outcome;
          setOutcome(next);
          if (!(await store.setSimulatedOutcome(next))) setOutcome(previous);
        }}
      >
        {outcomes.map((option) => (
          <option key={option} value={option}>
            {labels[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
