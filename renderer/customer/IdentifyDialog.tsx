import type { FormEvent } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import type { Identification } from '../../contract/customers';
import { Dialog } from '../components/Dialog';
import { useI18n } from '../i18n/context';
import { useScanCapture } from '../scanner/scanCapture';
import { usePos, usePosStore } from '../state/StoreContext';
import type { EnrolPrefill } from './enrolPrefill';
import { enrolPrefill } from './enrolPrefill';
import './customer.css';

interface IdentifyDialogProps {
  onClose(): void;
  onEnrol(prefill: EnrolPrefill): void;
}

interface Outcome {
  query: string;
  found: Exclude<Identification, { kind: 'one' }>;
}

/** One field for anything that names the customer; a card or member code scanned meanwhile is searched too. */
export function IdentifyDialog({ onClose, onEnrol }: IdentifyDialogProps) {
  const store = usePosStore();
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const searches = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const customerId = usePos((state) => state.cart?.customer?.id ?? null);
  const [openedFor] = useState(customerId);

  // A loyalty card scanned into the cart meanwhile attached someone: nothing is left to find.
  useEffect(() => {
    if (customerId !== null && customerId !== openedFor) onClose();
  }, [customerId, openedFor, onClose]);

  const search = async (text: string) => {
    const trimmed = text.trim();
    if (trimmed === '') {
      input.current?.focus();
      return;
    }
    searches.current += 1;
    const mine = searches.current;
    setBusy(true);
    const found = await store.identifyCustomer(trimmed);
    if (mine !== searches.current) return;
    setBusy(false);
    if (found?.kind === 'one') onClose();
    else if (found) setOutcome({ query: trimmed, found });
    else input.current?.select();
  };

  useScanCapture((code) => {
    setQuery(code);
    void search(code);
  });

  const pick = async (customerId: number) => {
    setBusy(true);
    const attached = await store.attachCustomer(customerId);
    setBusy(false);
    if (attached) onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The field, not React state: the scanner guard may have replayed typing into it a moment ago.
    void search(input.current?.value ?? query);
  };

  const enrol = () =>
    onEnrol(outcome ? enrolPrefill(outcome.query, outcome.found.by) : enrolPrefill(query, null));

  return (
    <Dialog title={t('customer.identifyTitle')} onClose={onClose} testId="identify-dialog" wide>
      <form className="identify-form" onSubmit={submit} aria-busy={busy}>
        <label className="visually-hidden" htmlFor={`${hintId}-query`}>
          {t('customer.queryLabel')}
        </label>
        <input
          id={`${hintId}-query`}
          ref={input}
          className="identify-form__input"
          data-testid="identify-input"
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          placeholder={t('customer.queryPlaceholder')}
          aria-describedby={hintId}
          value={query}
          autoFocus
          onChange={(event) => setQuery(event.target.value)}
        />
        <button
          type="submit"
          className="button button--primary"
          data-testid="identify-submit"
          disabled={busy}
        >
          {t('customer.find')}
        </button>
      </form>

      {outcome === null && (
        <p className="dialog__text" id={hintId}>
          {t('customer.scanHint')}
        </p>
      )}
      {outcome?.found.kind === 'many' && (
        <div className="identify-results" id={hintId}>
          <p className="dialog__text">{t('customer.pick')}</p>
          <ul className="identify-results__list">
            {outcome.found.candidates.map((candidate) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  className="identify-candidate"
                  data-testid="customer-candidate"
                  data-customer-id={candidate.id}
                  disabled={busy}
                  onClick={() => void pick(candidate.id)}
                >
                  <strong className="identify-candidate__name">{candidate.name}</strong>
                  <span className="identify-candidate__phone">
                    {candidate.phoneMasked ?? t('customer.noPhone')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {outcome.found.more && (
            <p className="identify-results__more" data-testid="identify-more" role="status">
              {t('customer.more')}
            </p>
          )}
        </div>
      )}
      {outcome?.found.kind === 'none' && (
        <p className="identify-results__none" data-testid="identify-none" id={hintId} role="status">
          {t('customer.notFound', { query: outcome.query })}
        </p>
      )}

      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className={outcome?.found.kind === 'none' ? 'button button--primary' : 'button'}
          data-testid="enrol-open"
          disabled={busy}
          onClick={enrol}
        >
          {t('customer.enrol')}
        </button>
      </div>
    </Dialog>
  );
}
