import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import type { Enrolment } from '../../contract/customers';
import { Dialog } from '../components/Dialog';
import { useI18n } from '../i18n/context';
import { useScanCapture } from '../scanner/scanCapture';
import { usePosStore } from '../state/StoreContext';
import { ContactFields, MarketingChecks, useCustomerForm } from './ContactFields';
import { fieldsForError } from './customerFields';
import type { EnrolForm } from './enrolForm';
import { enrolInput } from './enrolForm';
import type { EnrolPrefill } from './enrolPrefill';
import { EnrolExisting } from './EnrolExisting';
import { PreferenceRows } from './PreferenceRows';
import './customer.css';

interface EnrolDialogProps {
  prefill: EnrolPrefill;
  onClose(): void;
}

/** Enrolment at the counter: a name, one contact and the consent; everything else is optional. */
export function EnrolDialog({ prefill, onClose }: EnrolDialogProps) {
  const store = usePosStore();
  const { t, locale } = useI18n();
  const id = useId();
  const { form, change, invalid, showInvalid, field, formElement } = useCustomerForm<EnrolForm>(() => ({
    ...prefill,
    birthday: '',
    processing: false,
    marketing: { sms: false, email: false, push: false, call: false },
    preferences: [],
  }));
  const [busy, setBusy] = useState(false);
  const [existing, setExisting] = useState<Enrolment | null>(null);
  // The search filled one field; the cursor waits in the next one to type.
  const focusFirst = prefill.name.trim() === '' ? 'name' : 'phone';

  // A card from the store's stack, scanned while the form is open, is the customer's new card.
  useScanCapture((code) => change({ cardNo: code }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const outcome = enrolInput(form, locale, new Date());
    if (!outcome.ok) {
      store.reportLocal(outcome.code, 'the enrolment form cannot be read');
      showInvalid(outcome.fields);
      return;
    }
    setBusy(true);
    const result = await store.enrolCustomer(outcome.input);
    setBusy(false);
    if (!result.ok) showInvalid(fieldsForError(result.error));
    else if (result.value.kind === 'created') onClose();
    else setExisting(result.value);
  };

  if (existing) {
    return (
      <Dialog title={t('enrol.title')} onClose={onClose} testId="enrol-dialog" wide>
        <EnrolExisting enrolment={existing} onBack={() => setExisting(null)} onUsed={onClose} />
      </Dialog>
    );
  }

  return (
    <Dialog title={t('enrol.title')} onClose={onClose} testId="enrol-dialog" wide>
      <form ref={formElement} className="enrol-form" onSubmit={(event) => void submit(event)} noValidate>
        <ContactFields
          texts="enrol"
          testIds="enrol"
          values={form}
          field={field}
          onChange={change}
          autoFocus={focusFirst}
          hint={t('enrol.contactHint')}
        />
        <label className="enrol-form__field">
          <span>{t('enrol.card')}</span>
          <input
            {...field('cardNo')}
            data-testid="enrol-card"
            inputMode="numeric"
            autoComplete="off"
            className="enrol-form__card"
            placeholder={t('enrol.cardPlaceholder')}
            value={form.cardNo}
            onChange={(event) => change({ cardNo: event.target.value })}
          />
        </label>

        <fieldset
          className={
            invalid.has('processing')
              ? 'enrol-form__consent enrol-form__consent--invalid enrol-form__field--wide'
              : 'enrol-form__consent enrol-form__field--wide'
          }
        >
          <label className="check">
            <input
              {...field('processing')}
              type="checkbox"
              data-testid="enrol-consent-processing"
              aria-describedby={`${id}-processing`}
              checked={form.processing}
              onChange={(event) => change({ processing: event.target.checked })}
            />
            <strong>{t('enrol.processing')}</strong>
          </label>
          <p className="enrol-form__hint" id={`${id}-processing`}>
            {t('enrol.processingHint')}
          </p>
          <p className="enrol-form__legend">{t('enrol.marketing')}</p>
          <MarketingChecks
            testIds="enrol"
            marketing={form.marketing}
            onChange={(marketing) => change({ marketing })}
          />
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
          <button type="submit" className="button button--primary" data-testid="enrol-submit" disabled={busy}>
            {t('enrol.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
