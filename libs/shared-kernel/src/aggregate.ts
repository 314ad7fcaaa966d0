/**
 * Framework-free event-sourced aggregate (docs/conventions.md §6): a static factory rebuilds it from its
 * events, command methods check the rules and `raise` events, and state changes only in `apply`,
 * which each aggregate implements as an exhaustive switch over its event union.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
}

export abstract class EventSourcedAggregate<E extends DomainEvent> {
  private pending: E[] = [];
  /** Stream position of the last event loaded from the store; -1n for a new stream. */
  private loadedVersion = -1n;

  protected abstract apply(event: E): void;

  /** Rebuild state from stored history; nothing becomes pending. */
  loadFromHistory(events: Iterable<E>, version?: bigint): this {
    let count = 0n;
    for (const event of events) {
      this.apply(event);
      count++;
    }
    this.loadedVersion = version ?? count - 1n;
    return this;
  }

  protected raise(event: E): void {
    this.apply(event);
    this.pending.push(event);
  }

  /** Events raised since loading, in order; clears the list. */
  pullPendingEvents(): E[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }

  get version(): bigint {
    return this.loadedVersion;
  }

  get isNew(): boolean {
    return this.loadedVersion < 0n;
  }
}
