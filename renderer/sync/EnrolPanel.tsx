import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import type { PosError } from '../../contract/common';
import { useI18n } from '../i18n/context';
import { canEnrol } from '../state/sync';
import { usePos, usePosStore } from '../state/StoreContext';
import type { EnrolFields } from './enrolForm';
import { enrolInput, fieldOf, readyToEnrol } from './enrolForm';

/**
 * Enrolment with HQ: the HQ address and a one-time code from HQ's admin. Open while the till is not
 * enrolled or HQ refuses it; behind a button once it is, as enrolling again replaces its link.
 */
export function EnrolPanel() {
  const store = usePosStore();
  const { t, errorText } = useI18n();
  const id = useId();
  const manager = usePos(canEnrol);
  const state = usePos((s) => s.sync?.state ?? null);
  const [fields, setFields] = useState<EnrolFields>({ hqUrl: '', code: '' });
  const [error, setError] = useState<PosError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [reopened, setReopened] = useState(false);
  if (state === null) return null;

  const needed = state === 'not-enrolled' || state === 'refused';
  const formShown = reopened || (needed && !done);
  const invalid = error ? fieldOf(error.code, error.params?.['reason']) : null;

  const change = (patch: Partial<EnrolFields>) => {
    setFields((current) => ({ ...current, ...patch }));
    setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !readyToEnrol(fields)) return;
    setBusy(true);
    setDone(false);
    const result = await store.enrolTill(enrolInput(fields));
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    // The code is used up: it must not be sent again by a second tap.
    setFields((current) => ({ ...current, code: '' }));
    setDone(true);
    setReopened(false);
  };

  return (
    <section className="sync-panel" aria-labelledby={`${id}-title`} data-testid="sync-enrol">
      <h3 className="sync-panel__title" id={`${id}-title`}>
        {t(needed ? 'sync.enrol.title' : 'sync.enrol.againTitle')}
      </h3>
      <p className="sync-panel__hint">{t(needed ? 'sync.enrol.hint' : 'sync.enrol.againHint')}</p>
      {done && (
        <p className="sync-enrol__done" role="status" data-testid="sync-enrol-done">
          {t('sync.enrol.done')}
        </p>
      )}
      {formShown ? (
        <form className="sync-enrol" onSubmit={(event) => void submit(event)} noValidate>
          <fieldset className="sync-enrol__fields" disabled={!manager || busy}>
            <label className="sync-enrol__field">
              <span>{t('sync.enrol.hqUrl')}</span>
              <input
                type="url"
                inputMode="url"
                data-testid="sync-hq-url"
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                autoFocus={reopened}
                placeholder={t('sync.enrol.hqUrlPlaceholder')}
                aria-invalid={invalid === 'hqUrl'}
                value={fields.hqUrl}
                onChange={(event) => change({ hqUrl: event.target.value })}
              />
            </label>
            <label className="sync-enrol__field">
              <span>{t('sync.enrol.code')}</span>
              <input
                className="sync-enrol__code"
                data-testid="sync-enrol-code"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                placeholder={t('sync.enrol.codePlaceholder')}
                aria-invalid={invalid === 'code'}
                value={fields.code}
                onChange={(event) => change({ code: event.target.value })}
              />
            </label>
            {error && (
              <p
                className="sync-enrol__error"
                role="alert"
                data-testid="sync-enrol-error"
                data-code={error.code}
              >
                {errorText(error)}
              </p>
            )}
            <div className="sync-enrol__actions">
              {reopened && (
                <button type="button" className="button" onClick={() => setReopened(false)}>
                  {t('common.cancel')}
                </button>
              )}
              <button
                type="submit"
                className="button button--primary"
                data-testid="sync-enrol-submit"
                disabled={!readyToEnrol(fields)}
              >
                {t(busy ? 'sync.enrol.busy' : 'sync.enrol.submit')}
              </button>
            </div>
          </fieldset>
        </form>
      ) : (
        <button
          type="button"
          className="button"
          data-testid="sync-enrol-again"
          disabled={!manager}
          onClick={() => {
            setDone(false);
            setReopened(true);
          }}
        >
          {t('sync.enrol.again')}
        </button>
      )}
      {!manager && (
        <p className="sync-panel__hint" data-testid="sync-enrol-manager-only">
          {t('sync.enrol.managerOnly')}
        </p>
      )}
    </section>
  );
}
