import type { FormEvent } from 'react';
import { useState } from 'react';
import type { CustomerProfile } from '../../contract/customers';
import { Dialog } from '../components/Dialog';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';
import { ContactFields, MarketingChecks, useCustomerForm } from './ContactFields';
import { fieldsForError } from './customerFields';
import { editFormOf, editInput } from './editForm';
import { PreferenceRows } from './PreferenceRows';
import './customer.css';

interface EditDialogProps {
  profile: CustomerProfile;
  onClose(): void;
}

/** The other living profile that already has the phone or e-mail typed (CONTACT_TAKEN's params). */
interface Taken {
  customerId: number;
  name: string;
  matchedBy: 'phone' | 'email';
}

/** Changes a customer's details: name, contacts, birthday, preferences and consents to offers. */
export function EditDialog({ profile, onClose }: EditDialogProps) {
  const store = usePosStore();
  const { t, locale } = useI18n();
  const { form, change, invalid, showInvalid, field, formElement } = useCustomerForm(() =>
    editFormOf(profile, locale),
  );
  const [busy, setBusy] = useState(false);
  const [taken, setTaken] = useState<Taken | null>(null);
  const masked = !profile.personalVisible;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const outcome = editInput(profile, form, locale, new Date());
    if (!outcome.ok) {
      store.reportLocal(outcome.code, 'the edit form cannot be read');
      showInvalid(outcome.fields);
      return;
    }
    if (outcome.input === null) {
      onClose();
      return;
    }
    setBusy(true);
    const result = await store.updateCustomer(outcome.input);
    setBusy(false);
    if (result.ok) {
      onClose();
      return;
    }
    const { code, params } = result.error;
    if (code === 'CONTACT_TAKEN' && typeof params?.['customerId'] === 'number') {
      setTaken({
        customerId: params['customerId'],
        name: String(params['name'] ?? ''),
        matchedBy: params['matchedBy'] === 'email' ? 'email' : 'phone',
      });
    }
    showInvalid(fieldsForError(result.error));
  };

  const openTaken = async (other: Taken) => {
    setBusy(true);
    const attached = await store.attachCustomer(other.customerId);
    setBusy(false);
    if (attached) onClose();
  };

  if (taken) {
    return (
      <Dialog title={t('customerEdit.title')} onClose={onClose} testId="customer-edit-dialog" wide>
        <div className="enrol-existing" data-testid="customer-edit-taken" role="status">
          <p className="enrol-existing__text">
            {t(`customerEdit.taken.${taken.matchedBy}`, { name: taken.name })}
          </p>
          <p className="dialog__text">{t('customerEdit.takenHint')}</p>
          <div className="dialog__actions">
            <button
              type="button"
              className="button"
              data-testid="customer-edit-back"
              onClick={() => setTaken(null)}
            >
              {t('customerEdit.backToForm')}
            </button>
            <button
              type="button"
              className="button button--primary"
              data-testid="customer-edit-open-taken"
              disabled={busy}
              autoFocus
              onClick={() => void openTaken(taken)}
            >
              {t('customerEdit.openTaken')}
            </button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('customerEdit.title')} onClose={onClose} testId="customer-edit-dialog" wide>
      <form ref={formElement} className="enrol-form" onSubmit={(event) => void submit(event)} noValidate>
        <ContactFields
          texts="customerEdit"
          testIds="customer-edit"
          values={form}
          field={field}
          onChange={change}
          autoFocus="name"
          hint={masked ? t('customerEdit.maskedHint') : t('customerEdit.contactHint')}
          {...(masked && { placeholders: { phone: profile.phone ?? '', email: profile.email ?? '' } })}
        />

        <fieldset className="enrol-form__consent enrol-form__field--wide">
          <p className="enrol-form__legend">{t('customerEdit.marketing')}</p>
          <MarketingChecks
            testIds="customer-edit"
            marketing={form.marketing}
            onChange={(marketing) => change({ marketing })}
          />
          <p className="enrol-form__hint">{t('customerEdit.processingHint')}</p>
        </fieldset>

        <PreferenceRows
          rows={form.preferences}
          invalid={invalid.has('preferences')}
          onChange={(preferences) => change({ preferences })}
        />

        <div className="dialog__actions enrol-form__field--wide">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            data-testid="customer-edit-submit"
            disabled={busy}
          >
            {t('customerEdit.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
