// The parts enrolment and the profile edit form share: the form's state with the fields main refused,
// the name, contact and birthday inputs, and the marketing channels' checkboxes.
import { useId, useRef, useState } from 'react';
import type { MarketingChannel } from '../../contract/customers';
import { useI18n } from '../i18n/context';
import type { CustomerField } from './customerFields';
import { marketingChannels } from './customerFields';

/**
 * A customer form's values, the fields marked invalid (a field typed in is no longer marked), and the
 * form element, so the first invalid field takes the focus.
 */
export function useCustomerForm<F extends object>(initial: () => F) {
  const [form, setForm] = useState<F>(initial);
  const [invalid, setInvalid] = useState<ReadonlySet<CustomerField>>(new Set());
  const formElement = useRef<HTMLFormElement>(null);

  const change = (patch: Partial<F>) => {
    setForm((current) => ({ ...current, ...patch }));
    const touched = Object.keys(patch);
    setInvalid((current) => new Set([...current].filter((field) => !touched.includes(field))));
  };

  const showInvalid = (fields: CustomerField[]) => {
    setInvalid(new Set(fields));
    const first = fields[0];
    if (first) formElement.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
  };

  const field = (name: CustomerField) => ({ 'data-field': name, 'aria-invalid': invalid.has(name) });

  return { form, change, invalid, showInvalid, field, formElement };
}

export interface ContactValues {
  name: string;
  phone: string;
  email: string;
  birthday: string;
}

interface ContactFieldsProps {
  /** The catalogue section of the labels, and the prefix of the test ids. */
  texts: 'enrol' | 'customerEdit';
  testIds: 'enrol' | 'customer-edit';
  values: ContactValues;
  field(name: CustomerField): { 'data-field': string; 'aria-invalid': boolean };
  onChange(patch: Partial<ContactValues>): void;
  /** The input the cursor waits in. */
  autoFocus: 'name' | 'phone';
  /** Under the contacts: what one of them is for, or how a masked one is replaced. */
  hint: string;
  /** Shown in an empty contact field: the masked value it replaces. */
  placeholders?: { phone: string; email: string };
}

export function ContactFields(props: ContactFieldsProps) {
  const { texts, testIds, values, field, onChange, autoFocus, hint, placeholders } = props;
  const { t } = useI18n();
  const hintId = `${useId()}-contact`;
  return (
    <>
      <label className="enrol-form__field enrol-form__field--wide">
        <span>{t(`${texts}.name`)}</span>
        <input
          {...field('name')}
          data-testid={`${testIds}-name`}
          autoComplete="off"
          autoFocus={autoFocus === 'name'}
          value={values.name}
          onChange={(event) => onChange({ name: event.target.value })}
        />
      </label>
      <label className="enrol-form__field">
        <span>{t(`${texts}.phone`)}</span>
        <input
          {...field('phone')}
          data-testid={`${testIds}-phone`}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          aria-describedby={hintId}
          autoFocus={autoFocus === 'phone'}
          placeholder={placeholders?.phone ?? ''}
          value={values.phone}
          onChange={(event) => onChange({ phone: event.target.value })}
        />
      </label>
      <label className="enrol-form__field">
        <span>{t(`${texts}.email`)}</span>
        <input
          {...field('email')}
          data-testid={`${testIds}-email`}
          type="email"
          inputMode="email"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-describedby={hintId}
          placeholder={placeholders?.email ?? ''}
          value={values.email}
          onChange={(event) => onChange({ email: event.target.value })}
        />
      </label>
      <p className="enrol-form__hint enrol-form__field--wide" id={hintId} data-testid={`${testIds}-hint`}>
        {hint}
      </p>
      <label className="enrol-form__field">
        <span>{t(`${texts}.birthday`)}</span>
        <input
          {...field('birthday')}
          data-testid={`${testIds}-birthday`}
          inputMode="numeric"
          autoComplete="off"
          placeholder={t(`${texts}.birthdayPlaceholder`)}
          value={values.birthday}
          onChange={(event) => onChange({ birthday: event.target.value })}
        />
      </label>
    </>
  );
}

interface MarketingChecksProps {
  testIds: 'enrol' | 'customer-edit';
  marketing: Record<MarketingChannel, boolean>;
  onChange(marketing: Record<MarketingChannel, boolean>): void;
}

/** One checkbox per channel the customer may agree to offers on. */
export function MarketingChecks({ testIds, marketing, onChange }: MarketingChecksProps) {
  const { t } = useI18n();
  return (
    <div className="enrol-form__channels">
      {marketingChannels.map((channel) => (
        <label className="check" key={channel}>
          <input
            type="checkbox"
            data-testid={`${testIds}-marketing-${channel}`}
            checked={marketing[channel]}
            onChange={(event) => onChange({ ...marketing, [channel]: event.target.checked })}
          />
          <span>{t(`customer.channels.${channel}`)}</span>
        </label>
      ))}
    </div>
  );
}
