import { useEffect } from 'react';
import { useI18n } from '../i18n/context';
import { usePos, usePosStore } from '../state/StoreContext';
import type { ToastItem } from '../state/types';
import './toasts.css';

const shownForMs = 8000;

function Toast({ toast }: { toast: ToastItem }) {
  const store = usePosStore();
  const { t, errorText } = useI18n();
  useEffect(() => {
    const timer = setTimeout(() => store.dismissToast(toast.id), shownForMs);
    return () => clearTimeout(timer);
  }, [store, toast.id]);
  return (
    <div className="toast" role="alert" data-testid="toast" data-code={toast.code}>
      <span className="toast__text">{errorText(toast)}</span>
      <button
        type="button"
        className="toast__close"
        aria-label={t('common.dismiss')}
        onClick={() => store.dismissToast(toast.id)}
      >
        ×
      </button>
    </div>
  );
}

/** Every error the till answers with, translated by its code; never its developer message. */
export function Toasts() {
  const toasts = usePos((state) => state.toasts);
  return (
    <div className="toasts">
      {toasts.map((toast) => (
        <Toast key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
