import type { DataSource } from 'typeorm';
import type { StoredEvent } from '@app/event-store';
import type { PageConsumer } from './projector.js';
import { projectionTransaction } from './row-table.js';

/**
 * Feeds events straight to a projector in pages (each its own transaction, no checkpoint): for tests
 * of one projector, and for proving that a redelivered page changes nothing.
 */
export async function projectEvents(
  dataSource: DataSource,
  consumer: PageConsumer,
  events: readonly StoredEvent[],
  options: { pageSize?: number } = {},
): Promise<void> {
  const handled = events.filter((event) =>
    consumer.handles.includes(event.type),
  );
  const size = options.pageSize ?? 500;
  for (let start = 0; start < handled.length; start += size) {
    const page = handled.slice(start, start + size);
    await dataSource.transaction((em) =>
      consumer.applyPage(page, projectionTransaction(dataSource, em)),
    );
  }
}
