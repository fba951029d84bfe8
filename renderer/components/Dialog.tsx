import type { ReactNode } from 'react';
import { useId } from 'react';
import { useEscape } from './escape';
import './dialog.css';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  testId?: string;
}

/** A modal over the screen; Esc closes it. */
export function Dialog({ title, onClose, children, testId }: DialogProps) {
  const titleId = useId();
  useEscape(onClose);
  return (
    <div className="dialog-backdrop">
      <section
        className="dialog"
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
