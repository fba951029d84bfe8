import type { PosApi } from '../../contract/ipc';
import { createBrowserHostApi } from './browserHost';

/** Electron's preload exposes `window.pos`; in a plain browser the loopback host serves the same contract. */
export function createPosApi(win: Window): PosApi {
  const preload = (win as Window & { pos?: PosApi }).pos;
  return preload ?? createBrowserHostApi(win);
}
