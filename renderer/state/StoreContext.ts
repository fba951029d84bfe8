import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PosStore } from './posStore';
import type { PosState } from './types';

export const StoreContext = createContext<PosStore | null>(null);

export function usePosStore(): PosStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('usePosStore outside <StoreContext>');
  return store;
}

/** A slice of the till's state; `select` must return a value from the state, not build a new one. */
export function usePos<T>(select: (state: PosState) => T): T {
  const store = usePosStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
