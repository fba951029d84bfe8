import { useI18n } from '../i18n/context';
import { isLocale, localeAutonyms, locales } from '../i18n/locales';

export function LocaleSelect() {
  const { locale, setLocale, t } = useI18n();
  return (
    <select
      className="status-bar__select"
      data-testid="locale-select"
      aria-label={t('status.language')}
      value={locale}
      onChange={(event) => {
        if (isLocale(event.target.value)) setLocale(event.target.value);
      }}
    >
      {locales.map((option) => (
        <option key={option} value={option}>
          {localeAutonyms[option]}
        </option>
      ))}
    </select>
  );
}
