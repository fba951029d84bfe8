import type { ReactNode } from 'react';
import { useId } from 'react';
import { useEscape } from './escape';
import './dialog.css';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  testId?: string;
  /** For forms with more than one column of fields. */
  wide?: boolean;
}

/** A modal over the screen; Esc closes it. */
export function Dialog({ title, onClose, children, testId, wide = false }: DialogProps) {
  const titleId = useId();
  useEscape(onClose);
  return (
    <div className="dialog-backdrop">
      <section
        className={wide ? 'dialog dialog--wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
      >
        <h2 className="dialog__title" id={titleId}>
          {title}
        </h2>
        {children}
      </section>
    </div>
  );
}
