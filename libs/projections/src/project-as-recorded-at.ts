import { DataSource } from 'typeorm';
import type { EventStore, StoredEvent } from '@app/event-store';
import { projectEvents } from './project-events.js';
import type { Projector } from './projector.js';

/**
 * Time travel for one entity (spec: "as recorded at T"): the events of the given streams recorded
 * at or before `asRecordedAt`, merged in global order, run through the context's own projector into a
 * throwaway in-memory database; `read` then asks the context's own query of that database. The same
 * code that maintains the live view computes the past one, so the two cannot disagree on the rules.
 */
export async function projectAsRecordedAt<T>(options: {
  store: EventStore;
  streams: readonly string[];
  asRecordedAt: string;
  projector: Projector;
  read: (dataSource: DataSource) => Promise<T>;
}): Promise<T> {
  const { store, streams, projector, read } = options;
  const cutoff = Date.parse(options.asRecordedAt);
  const events: StoredEvent[] = [];
  for (const stream of new Set(streams)) {
    for (const event of await store.readStream(stream)) {
      if (
        Date.parse(event.metadata.recordedAt) <= cutoff &&
        projector.handles.includes(event.type)
      )
        events.push(event);
    }
  }
  events.sort((a, b) =>
    a.globalPosition < b.globalPosition
      ? -1
      : a.globalPosition > b.globalPosition
        ? 1
        : 0,
  );
  const scratch = await new DataSource({
    type: 'better-sqlite3',
    database: ':memory:',
    entities: projector.entities,
    synchronize: true,
    logging: false,
  }).initialize();
  try {
    await projectEvents(scratch, projector, events);
    return await read(scratch);
  } finally {
    await scratch.destroy();
  }
}
