// Typed event listeners for transports and the objects built on them. A listener added while an
// event is being delivered first hears the next one; a listener removed meanwhile hears no more.

type EventMap<Events> = { [E in keyof Events]: (...args: never[]) => void };

export class Listeners<Events extends EventMap<Events>> {
  private readonly byEvent = new Map<keyof Events, Set<Events[keyof Events]>>();

  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    let set = this.byEvent.get(event);
    if (!set) {
      set = new Set();
      this.byEvent.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    const set = this.byEvent.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      if (set.has(listener)) (listener as (...params: Parameters<Events[E]>) => void)(...args);
    }
  }

  count(event: keyof Events): number {
    return this.byEvent.get(event)?.size ?? 0;
  }
}
