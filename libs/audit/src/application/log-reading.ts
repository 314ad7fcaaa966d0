import type { EventFilter, EventStore, StoredEvent } from '@app/event-store';

/** The events after global position `after` (exclusive), in global order: the one place audit reads the log by position. */
export function readAfter(
  store: EventStore,
  after: bigint,
  limit: number,
  filter?: EventFilter,
): Promise<StoredEvent[]> {
  return store.readAll({ after, limit, ...filter });
}

/** The last event of the log (undefined when empty). */
export async function lastEvent(
  store: EventStore,
  _contiguous?: boolean,
): Promise<StoredEvent | undefined> {
  return store.lastEvent();
}
