import { useI18n } from '../i18n/context';
import type { CardStage } from '../state/types';

export function CardProgress({ stage }: { stage: CardStage | null }) {
  const { t } = useI18n();
  const text =
    stage === 'authorizing'
      ? t('payment.authorizing')
      : stage === 'done'
        ? t('payment.approved')
        : t('payment.presentCard');
  return (
    <div
      className="card-progress"
      data-testid="card-progress"
      data-stage={stage ?? 'present-card'}
      role="status"
    >
      <span className="card-progress__spinner" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}
