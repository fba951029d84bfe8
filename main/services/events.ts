// Main -> renderer events. Services emit; the Electron window and the host's WebSockets listen.
import type { EventName, EventPayload } from '../../contract/ipc';

type Listener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
