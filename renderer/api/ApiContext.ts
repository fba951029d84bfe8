import { createContext, useContext } from 'react';
import type { PosApi } from '../../contract/ipc';

export const ApiContext = createContext<PosApi | null>(null);

/** The contract, typed end to end: `useApi().call('cart.scan', { code, source: 'manual' })`. */
export function useApi(): PosApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiContext>');
  return api;
}
