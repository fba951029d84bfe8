import type { FormEvent } from 'react';
import { useState } from 'react';
import type { CustomerNote } from '../../contract/customers';
import { useI18n } from '../i18n/context';
import { usePosStore } from '../state/StoreContext';

/** What colleagues wrote about the customer, newest as main orders them, and a field to add to it. */
export function NotesSection({ notes }: { notes: readonly CustomerNote[] }) {
  const store = usePosStore();
  const { t, dateTime } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const note = text.trim();
    if (note === '' || busy) return;
    setBusy(true);
    const saved = await store.addNote(note);
    setBusy(false);
    if (saved) setText('');
  };

  return (
    <section className="customer-section">
      <h3>{t('customer.notes')}</h3>
      {notes.length === 0 ? (
        <p className="customer-panel__muted">{t('customer.noNotes')}</p>
      ) : (
        <ul className="customer-notes">
          {notes.map((note) => (
            <li key={note.id} className="customer-note" data-testid="customer-note">
              <p className="customer-note__text">{note.text}</p>
              <p className="customer-note__meta">
                {t('customer.noteMeta', {
                  author: note.authorName,
                  store: note.storeCode,
                  date: dateTime(note.createdAt),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <form className="customer-note-form" onSubmit={(event) => void add(event)}>
        <textarea
          data-testid="customer-note-input"
          aria-label={t('customer.notePlaceholder')}
          placeholder={t('customer.notePlaceholder')}
          maxLength={1000}
          rows={2}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button
          type="submit"
          className="button"
          data-testid="customer-note-add"
          disabled={busy || text.trim() === ''}
        >
          {t('customer.noteAdd')}
        </button>
      </form>
    </section>
  );
}
