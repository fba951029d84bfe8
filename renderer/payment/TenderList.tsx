import type { Tender } from '../../contract/ipc';
import { useI18n } from '../i18n/context';

export function TenderList({ tenders, currency }: { tenders: readonly Tender[]; currency: string }) {
  const { t, money } = useI18n();
  if (tenders.length === 0) return null;
  return (
    <section className="tenders" aria-label={t('payment.tenders')}>
      <h3 className="tenders__title">{t('payment.tenders')}</h3>
      <ul className="tenders__list">
        {tenders.map((tender) => (
          <li className="tenders__row" data-testid="tender-row" key={tender.id}>
            <span>
              {tender.kind === 'cash' ? t('payment.cash') : t('payment.card')}
              {tender.cardMasked && <span className="tenders__detail"> {tender.cardMasked}</span>}
              {tender.kind === 'cash' && tender.receivedMinor !== undefined && (
                <span className="tenders__detail">
                  {' '}
                  {t('payment.received', { amount: money(tender.receivedMinor, currency) })}
                </span>
              )}
            </span>
            <span className="tenders__amount">{money(tender.amountMinor, currency)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
