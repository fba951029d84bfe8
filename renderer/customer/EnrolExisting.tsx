import { useState } from 'react';
import type { Enrolment } from '../../contract/customers';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';

interface EnrolExistingProps {
  enrolment: Enrolment;
  onBack(): void;
  onUsed(): void;
}

/** The phone or e-mail typed already belongs to a customer: offer their profile instead of a second one. */
export function EnrolExisting({ enrolment, onBack, onUsed }: EnrolExistingProps) {
  const store = usePosStore();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const { profile } = enrolment;
  const contact = enrolment.matchedBy === 'email' ? profile.email : profile.phone;

  const use = async () => {
    setBusy(true);
    const attached = await store.attachCustomer(profile.id, profile);
    setBusy(false);
    if (attached) onUsed();
  };

  return (
    <div className="enrol-existing" data-testid="enrol-existing" role="status">
      <p className="enrol-existing__text">
        {t(enrolment.matchedBy === 'email' ? 'enrol.existing.email' : 'enrol.existing.phone', {
          name: profile.name,
        })}
      </p>
      <div className="enrol-existing__who">
        <strong data-testid="enrol-existing-name">{profile.name}</strong>
        {contact && <span className="enrol-existing__contact">{contact}</span>}
        {profile.tier && <span className="badge badge--tier">{profile.tier}</span>}
      </div>
      <p className="dialog__text">{t('enrol.existingHint')}</p>
      <div className="dialog__actions">
        <button type="button" className="button" data-testid="enrol-back" onClick={onBack}>
          {t('enrol.backToForm')}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="enrol-use-existing"
          disabled={busy}
          autoFocus
          onClick={() => void use()}
        >
          {t('enrol.useExisting')}
        </button>
      </div>
    </div>
  );
}
