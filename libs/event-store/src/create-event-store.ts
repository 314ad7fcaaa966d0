import type { Clock } from '@app/shared-kernel';
import type { EventStore } from './event-store.port.js';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

export type EventStoreConfig =
  | { kind: 'sqlite'; filename: string; pollIntervalMs?: number }
  | {
      kind: 'postgres';
      connectionString: string;
      schema?: string;
      pollIntervalMs?: number;
    }
  | { kind: 'kurrentdb'; connectionString: string };

/** Opens the adapter the configuration names (docs/architecture.md, "Modes"). */
export async function createEventStore(
  config: EventStoreConfig,
  clock: Clock,
): Promise<EventStore> {
  switch (config.kind) {
    case 'sqlite':
      return new SqliteEventStore({
        filename: config.filename,
        clock,
        pollIntervalMs: config.pollIntervalMs,
      });
    case 'postgres':
      return PostgresEventStore.open({
        connectionString: config.connectionString,
        schema: config.schema,
        clock,
        pollIntervalMs: config.pollIntervalMs,
      });
    case 'kurrentdb':
      return new KurrentDbEventStore({
        connectionString: config.connectionString,
        clock,
      });
    default: {
      const _exhaustive: never = config;
      throw new Error(
        `Unknown event store kind: ${JSON.stringify(_exhaustive)}`,
      );
    }
  }
}
