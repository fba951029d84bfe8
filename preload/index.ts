// The whole bridge: `window.pos.call` and `window.pos.on`, nothing else. Main validates every call;
// this side only refuses event names it does not know so a page cannot subscribe to other channels.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';

const EVENTS = new Set(['cart.changed', 'session.changed', 'payment.progress']);

contextBridge.exposeInMainWorld('pos', {
  call: (name: string, input: unknown) => ipcRenderer.invoke('pos:call', name, input),
  on: (name: string, listener: (payload: unknown) => void) => {
    if (!EVENTS.has(name)) throw new Error(`unknown event ${name}`);
    const forward = (_event: IpcRendererEvent, event: string, payload: unknown) => {
      if (event === name) listener(payload);
    };
    ipcRenderer.on('pos:event', forward);
    return () => ipcRenderer.removeListener('pos:event', forward);
  },
});
