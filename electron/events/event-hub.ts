import type { EventName, EventPayloadOf } from '../../shared/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayloadOf<E>) => void;

/** Main-process services announce what changed; each host (Electron window, preview socket) relays it. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // One broken subscriber (a closed socket) must not stop the others hearing the event.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
