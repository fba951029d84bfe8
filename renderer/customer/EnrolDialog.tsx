import type { FormEvent } from 'react';
import { useId, useRef, useState } from 'react';
import type { Enrolment } from '../../contract/customers';
import { Dialog } from '../components/Dialog';
import { useI18n } from '../i18n/context';
import { useScanCapture } from '../scanner/scanCapture';
import { usePosStore } from '../state/StoreContext';
import type { EnrolField, EnrolForm } from './enrolForm';
import { enrolInput, fieldsFor, marketingChannels } from './enrolForm';
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
  const [form, setForm] = useState<EnrolForm>(() => ({
    ...prefill,
    birthday: '',
    processing: false,
    marketing: { sms: false, email: false, push: false, call: false },
    preferences: [],
  }));
  const [invalid, setInvalid] = useState<ReadonlySet<EnrolField>>(new Set());
  const [busy, setBusy] = useState(false);
  const [existing, setExisting] = useState<Enrolment | null>(null);
  const formElement = useRef<HTMLFormElement>(null);
  // The search filled one field; the cursor waits in the next one to type.
  const focusFirst = prefill.name.trim() === '' ? 'name' : 'phone';

  const change = (patch: Partial<EnrolForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    const touched = Object.keys(patch) as EnrolField[];
    setInvalid((current) => new Set([...current].filter((field) => !touched.includes(field))));
  };

  // A card from the store's stack, scanned while the form is open, is the customer's new card.
  useScanCapture((code) => change({ cardNo: code }));

  const showInvalid = (fields: EnrolField[]) => {
    setInvalid(new Set(fields));
    const first = fields[0];
    if (first) formElement.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
  };

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
    if (!result.ok) showInvalid(fieldsFor(result.error.code));
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

  const field = (name: EnrolField) => ({
    'data-field': name,
    'aria-invalid': invalid.has(name),
  });

  return (
    <Dialog title={t('enrol.title')} onClose={onClose} testId="enrol-dialog" wide>
      <form ref={formElement} className="enrol-form" onSubmit={(event) => void submit(event)} noValidate>
        <label className="enrol-form__field enrol-form__field--wide">
          <span>{t('enrol.name')}</span>
          <input
            {...field('name')}
            data-testid="enrol-name"
            autoComplete="off"
            value={form.name}
            autoFocus={focusFirst === 'name'}
            onChange={(event) => change({ name: event.target.value })}
          />
        </label>
        <label className="enrol-form__field">
          <span>{t('enrol.phone')}</span>
          <input
            {...field('phone')}
            data-testid="enrol-phone"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            aria-describedby={`${id}-contact`}
            value={form.phone}
            autoFocus={focusFirst === 'phone'}
            onChange={(event) => change({ phone: event.target.value })}
          />
        </label>
        <label className="enrol-form__field">
          <span>{t('enrol.email')}</span>
          <input
            {...field('email')}
            data-testid="enrol-email"
            type="email"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-describedby={`${id}-contact`}
            value={form.email}
            onChange={(event) => change({ email: event.target.value })}
          />
        </label>
        <p className="enrol-form__hint enrol-form__field--wide" id={`${id}-contact`}>
          {t('enrol.contactHint')}
        </p>
        <label className="enrol-form__field">
          <span>{t('enrol.birthday')}</span>
          <input
            {...field('birthday')}
            data-testid="enrol-birthday"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('enrol.birthdayPlaceholder')}
            value={form.birthday}
            onChange={(event) => change({ birthday: event.target.value })}
          />
        </label>
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
          <div className="enrol-form__channels">
            {marketingChannels.map((channel) => (
              <label className="check" key={channel}>
                <input
                  type="checkbox"
                  data-testid={`enrol-marketing-${channel}`}
                  checked={form.marketing[channel]}
                  onChange={(event) =>
                    change({ marketing: { ...form.marketing, [channel]: event.target.checked } })
                  }
                />
                <span>{t(`customer.channels.${channel}`)}</span>
              </label>
            ))}
          </div>
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
