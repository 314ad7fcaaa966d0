import type { EventFilter, EventStore, StoredEvent } from '@app/event-store';

/** The events after global position `after` (exclusive), in global order: the one place audit reads the log by position. */
export function readAfter(store: EventStore, after: bigint, limit: number, filter?: EventFilter): Promise<StoredEvent[]> {
  return store.readAll({ fromPosition: after + 1n, maxCount: limit, ...(filter ? { filter } : {}) });
}

/** The last event of the log (undefined when empty), found from the head position. */
export async function lastEvent(store: EventStore, contiguous: boolean): Promise<StoredEvent | undefined> {
  const head = await store.headPosition();
  if (head === 0n) return undefined;
  if (contiguous) return (await readAfter(store, head - 1n, 1))[0];
  // Positions with gaps (KurrentDB): walk to the head.
  let last: StoredEvent | undefined;
  for (let after = 0n; ; ) {
    const page = await readAfter(store, after, 1000);
    for (const event of page) if (event.globalPosition <= head) last = event;
    if (page.length < 1000 || page[page.length - 1].globalPosition >= head) return last;
    after = page[page.length - 1].globalPosition;
  }
}
