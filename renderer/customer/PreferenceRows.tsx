import { useI18n } from '../i18n/context';
import type { PreferenceRow } from './preferences';
import { invalidPreferences } from './preferences';

interface PreferenceRowsProps {
  rows: readonly PreferenceRow[];
  /** Main or the form refused them: the rows at fault are marked. */
  invalid: boolean;
  onChange(rows: PreferenceRow[]): void;
}

/** Optional key/value preferences at enrolment (shoe size, favourite brand). */
export function PreferenceRows({ rows, invalid, onChange }: PreferenceRowsProps) {
  const { t } = useI18n();
  const faulty = invalid ? new Set(invalidPreferences(rows)) : new Set<number>();
  const update = (index: number, patch: Partial<PreferenceRow>) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));

  return (
    <fieldset className="enrol-form__preferences enrol-form__field--wide">
      <legend className="enrol-form__legend">{t('enrol.preferences')}</legend>
      <p className="enrol-form__hint">{t('enrol.preferencesHint')}</p>
      {rows.map((row, index) => (
        <div className="preference-row" key={index} data-testid="enrol-preference">
          <input
            data-field={index === 0 ? 'preferences' : undefined}
            data-testid="enrol-preference-key"
            aria-label={t('enrol.preferenceKey')}
            aria-invalid={faulty.has(index)}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder={t('enrol.preferenceKeyPlaceholder')}
            value={row.key}
            onChange={(event) => update(index, { key: event.target.value })}
          />
          <input
            data-testid="enrol-preference-value"
            aria-label={t('enrol.preferenceValue')}
            aria-invalid={faulty.has(index)}
            autoComplete="off"
            placeholder={t('enrol.preferenceValue')}
            value={row.value}
            onChange={(event) => update(index, { value: event.target.value })}
          />
          <button
            type="button"
            className="remove-button"
            aria-label={t('enrol.removePreference')}
            onClick={() => onChange(rows.filter((_row, at) => at !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button"
        data-testid="enrol-preference-add"
        onClick={() => onChange([...rows, { key: '', value: '' }])}
      >
        {t('enrol.addPreference')}
      </button>
    </fieldset>
  );
}
