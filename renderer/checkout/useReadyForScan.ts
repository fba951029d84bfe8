import { useEffect } from 'react';

/** Tells tests and the benchmark that the checkout can take a scan (`body[data-ready="scan"]`). */
export function useReadyForScan(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    document.body.dataset.ready = 'scan';
    return () => {
      delete document.body.dataset.ready;
    };
  }, [ready]);
}
