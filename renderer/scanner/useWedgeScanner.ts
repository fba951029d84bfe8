import { useEffect, useEffectEvent } from 'react';
import { bindWedge } from './bindWedge';

/** Delivers every keyboard-wedge scan to `onScan`, wherever focus is. */
export function useWedgeScanner(onScan: (code: string) => void): void {
  const handleScan = useEffectEvent(onScan);
  useEffect(() => bindWedge(window, { onScan: (code) => handleScan(code) }), []);
}
