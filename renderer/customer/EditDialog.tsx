import type { FormEvent } from 'react';
import { useId, useRef, useState } from 'react';
import type { CustomerProfile } from '../../contract/customers';
import { Dialog } from '../components/Dialog';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';
import type { EditField, EditForm } from './editForm';
import { editFieldsFor, editFormOf, editInput } from './editForm';
import { marketingChannels } from './enrolForm';
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
  const id = useId();
  const [form, setForm] = useState<EditForm>(() => editFormOf(profile, locale));
  const [invalid, setInvalid] = useState<ReadonlySet<EditField>>(new Set());
  const [busy, setBusy] = useState(false);
  const [taken, setTaken] = useState<Taken | null>(null);
  const formElement = useRef<HTMLFormElement>(null);
  const masked = !profile.personalVisible;

  const change = (patch: Partial<EditForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    const touched = Object.keys(patch) as EditField[];
    setInvalid((current) => new Set([...current].filter((field) => !touched.includes(field))));
  };

  const showInvalid = (fields: EditField[]) => {
    setInvalid(new Set(fields));
    const first = fields[0];
    if (first) formElement.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
  };

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
    showInvalid(editFieldsFor(result.error));
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

  const field = (name: EditField) => ({ 'data-field': name, 'aria-invalid': invalid.has(name) });

  return (
    <Dialog title={t('customerEdit.title')} onClose={onClose} testId="customer-edit-dialog" wide>
      <form ref={formElement} className="enrol-form" onSubmit={(event) => void submit(event)} noValidate>
        <label className="enrol-form__field enrol-form__field--wide">
          <span>{t('customerEdit.name')}</span>
          <input
            {...field('name')}
            data-testid="customer-edit-name"
            autoComplete="off"
            autoFocus
            value={form.name}
            onChange={(event) => change({ name: event.target.value })}
          />
        </label>
        <label className="enrol-form__field">
          <span>{t('customerEdit.phone')}</span>
          <input
            {...field('phone')}
            data-testid="customer-edit-phone"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            aria-describedby={`${id}-contact`}
            placeholder={masked ? (profile.phone ?? '') : ''}
            value={form.phone}
            onChange={(event) => change({ phone: event.target.value })}
          />
        </label>
        <label className="enrol-form__field">
          <span>{t('customerEdit.email')}</span>
          <input
            {...field('email')}
            data-testid="customer-edit-email"
            type="email"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-describedby={`${id}-contact`}
            placeholder={masked ? (profile.email ?? '') : ''}
            value={form.email}
            onChange={(event) => change({ email: event.target.value })}
          />
        </label>
        <p
          className="enrol-form__hint enrol-form__field--wide"
          id={`${id}-contact`}
          data-testid="customer-edit-hint"
        >
          {masked ? t('customerEdit.maskedHint') : t('customerEdit.contactHint')}
        </p>
        <label className="enrol-form__field">
          <span>{t('customerEdit.birthday')}</span>
          <input
            {...field('birthday')}
            data-testid="customer-edit-birthday"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('customerEdit.birthdayPlaceholder')}
            value={form.birthday}
            onChange={(event) => change({ birthday: event.target.value })}
          />
        </label>

        <fieldset className="enrol-form__consent enrol-form__field--wide">
          <p className="enrol-form__legend">{t('customerEdit.marketing')}</p>
          <div className="enrol-form__channels">
            {marketingChannels.map((channel) => (
              <label className="check" key={channel}>
                <input
                  type="checkbox"
                  data-testid={`customer-edit-marketing-${channel}`}
                  checked={form.marketing[channel]}
                  onChange={(event) =>
                    change({ marketing: { ...form.marketing, [channel]: event.target.checked } })
                  }
                />
                <span>{t(`customer.channels.${channel}`)}</span>
              </label>
            ))}
          </div>
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
