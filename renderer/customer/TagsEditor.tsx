import type { FormEvent } from 'react';
import { useState } from 'react';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';

/** The customer's tags: tap × to take one off, type to add one. */
export function TagsEditor({ tags }: { tags: readonly string[] }) {
  const store = usePosStore();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  const setTag = async (tag: string, on: boolean) => {
    setBusy(true);
    const saved = await store.setTag(tag, on);
    setBusy(false);
    if (saved && on) setText('');
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const tag = text.trim();
    if (tag !== '' && !busy) void setTag(tag, true);
  };

  return (
    <section className="customer-section">
      <h3>{t('customer.tags')}</h3>
      {tags.length > 0 && (
        <ul className="chips">
          {tags.map((tag) => (
            <li className="chip chip--tag" key={tag} data-testid="customer-tag" data-tag={tag}>
              {tag}
              <button
                type="button"
                className="chip__remove"
                data-testid="customer-tag-remove"
                aria-label={t('customer.tagRemove', { tag })}
                disabled={busy}
                onClick={() => void setTag(tag, false)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={add}>
        <input
          data-testid="customer-tag-input"
          aria-label={t('customer.tagPlaceholder')}
          placeholder={t('customer.tagPlaceholder')}
          maxLength={40}
          autoComplete="off"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button
          type="submit"
          className="button"
          data-testid="customer-tag-add"
          disabled={busy || text.trim() === ''}
        >
          {t('customer.tagAdd')}
        </button>
      </form>
    </section>
  );
}
