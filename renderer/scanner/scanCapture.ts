// While a form that reads a code is open (the enrolment's card field, the customer search), a scan is
// that form's input, not an item for the cart. The newest open form takes it.
import { useEffect, useEffectEvent } from 'react';

const captures: Array<(code: string) => void> = [];

/** Hands the scan to the open form that takes scans; false when none does and it is for the cart. */
export function captureScan(code: string): boolean {
  const capture = captures.at(-1);
  if (!capture) return false;
  capture(code);
  return true;
}

export function useScanCapture(onScan: (code: string) => void): void {
  const handle = useEffectEvent(onScan);
  useEffect(() => {
    const entry = (code: string) => handle(code);
    captures.push(entry);
    return () => {
      captures.splice(captures.lastIndexOf(entry), 1);
    };
  }, []);
}
