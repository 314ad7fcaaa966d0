import type { EntityManager, EntitySchema, MixedList } from 'typeorm';
import type { StoredEvent } from '@app/event-store';

/**
 * One read model, owned by one projector (conventions §12). The runner calls `project` inside a
 * transaction that also advances this projector's checkpoint, and never calls it twice for the
 * same global position; `project` is still written as upserts so a rebuild from any point is safe.
 */
export interface Projector {
  /** Stable name, the checkpoint's key. */
  readonly name: string;
  /** Event types this projector reads; others only advance its checkpoint. */
  readonly handles: readonly string[];
  /** TypeORM entities (tables) this projector owns; a rebuild recreates exactly these. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string | EntitySchema>;
  project(event: StoredEvent, em: EntityManager): Promise<void>;
}

/** Nest multi-provider token under which each context registers its projectors. */
export const PROJECTORS = Symbol('Projectors');
