import type { EntityManager, EntitySchema, MixedList } from 'typeorm';
import type { StoredEvent } from '@app/event-store';

/**
 * The batch projector API (docs/projections.md, docs/decisions/0101-batch-projectors.md).
 *
 * A projector owns its read-model tables and is fed a page of the log at a time:
 *
 *   async applyPage(events, tx) {
 *     const rows = await tx.table(ThingViewEntity).load(keysOf(events));  // one query for the page
 *     for (const event of events) apply(rows, decode(event));                // in memory
 *     await tx.table(ThingViewEntity).upsert(rows.values());                 // each touched row once
 *   }
 *
 * - `events` holds only the types listed in `handles`, in global order, each after this projector's
 *   checkpoint; the runner moves the checkpoint in the same transaction `tx`, so a crash leaves rows
 *   and checkpoint consistent and a page is never applied twice.
 * - Decode event data through the context's codec (never cast `data`), and take every instant from the
 *   envelope (never a clock): a rebuild must give the same rows.
 * - A projector never appends to the log; what reacts by appending is a process manager.
 */
export interface Projector extends PageConsumer {
  /**
   * Version of the read model's shape and rules. Bump it when rows computed by the new code would
   * differ: the new version is built beside the live tables and swapped in (blue/green,
   * docs/decisions/0108); changed columns are detected even without a bump.
   */
  readonly version: number;
  /** TypeORM entities (tables) this projector owns; a rebuild recreates exactly these. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  readonly entities: MixedList<Function | string | EntitySchema>;
}

/** What the runner feeds: a projector, or a process manager (which may append, and is never rebuilt). */
export interface PageConsumer {
  /** Stable name: the checkpoint's key, the name in /health/ready and in `rebuild --projector`. */
  readonly name: string;
  /** Event types it reads; the runner reads only these. */
  readonly handles: readonly string[];
  applyPage(
    events: readonly StoredEvent[],
    tx: ProjectionTransaction,
  ): Promise<void>;
}

/**
 * A process manager reacts to events by appending new ones (recurrence flags, deadlines). It keeps
 * its own state tables and checkpoint, decides from its own state as of each event, appends with
 * deterministic event ids (a replayed page appends nothing new), and is never run by a rebuild.
 */
export interface ProcessManager extends PageConsumer {
  /** Its own state tables (not read models: a rebuild leaves them alone). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  readonly entities: MixedList<Function | string | EntitySchema>;
}

/** The transaction a page is applied in: row tables on the hot path, TypeORM for the rest. */
export interface ProjectionTransaction {
  readonly dialect: 'sqlite' | 'postgres';
  /** The transaction's TypeORM manager, for a statement the row tables do not cover. */
  readonly manager: EntityManager;
  /** Prepared, batched access to one entity's table inside this transaction. */
  table<Row extends object>(entity: new () => Row): RowTable<Row>;
}

/**
 * Whole-row access to a read-model table through the driver (TypeORM's query runner), with column
 * names, types and the table's schema taken from the TypeORM entity.
 */
export interface RowTable<Row extends object> {
  /** The rows whose (single-column) primary key is one of `keys`, by key: one query. */
  load(keys: Iterable<string>): Promise<Map<string, Row>>;
  /** The rows whose `column` equals one of `values`: one query. */
  loadWhere(
    column: keyof Row & string,
    values: Iterable<string>,
  ): Promise<Row[]>;
  /**
   * Inserts or replaces each row, every column: a prepared upsert per row on SQLite, multi-row
   * `INSERT … ON CONFLICT DO UPDATE` on PostgreSQL. A key given twice keeps its last row.
   */
  upsert(rows: Iterable<Row>): Promise<void>;
  /** Deletes the rows with these (single-column) primary keys. */
  delete(keys: Iterable<string>): Promise<void>;
}
