import { deterministicEventId, type CommandMetadata, type CommandResult, type DomainEvent, type EventSourcedAggregate } from '@app/shared-kernel';
import type { EventStore, ExpectedVersion, StoredEvent } from './event-store.port.js';
import { StreamVersionConflictError } from './event-store.errors.js';

/** Turns a stored event back into the aggregate's domain event: the context's codec (`codec.decode`). */
export type EventUpcaster<E extends DomainEvent> = (stored: StoredEvent) => E;

/**
 * Loads an aggregate from its stream and appends what a command raised, with optimistic
 * concurrency: the append expects the version the aggregate was loaded at, so two commands
 * racing on the same stream cannot both win.
 */
export class AggregateRepository<E extends DomainEvent, A extends EventSourcedAggregate<E>> {
  constructor(
    private readonly store: EventStore,
    private readonly create: () => A,
    private readonly upcast: EventUpcaster<E>,
  ) {}

  /** Loads the stream; with `expectedVersion` (If-Match) fails fast when it is stale. */
  async load(streamName: string, expectedVersion?: bigint): Promise<A> {
    const stored = await this.store.readStream(streamName);
    const version = stored.length === 0 ? -1n : stored[stored.length - 1].streamPosition;
    if (expectedVersion !== undefined && expectedVersion !== version) {
      throw new StreamVersionConflictError(streamName, expectedVersion, version);
    }
    return this.create().loadFromHistory(stored.map(this.upcast), version);
  }

  /** Appends the aggregate's pending events; a command that raised nothing appends nothing. */
  async save(streamName: string, aggregate: A, meta: CommandMetadata): Promise<CommandResult> {
    const events = aggregate.pullPendingEvents();
    if (events.length === 0) {
      return this.currentPosition(streamName, aggregate.version);
    }
    const expectedVersion: ExpectedVersion = aggregate.isNew ? 'no_stream' : aggregate.version;
    const result = await this.store.appendToStream(
      streamName,
      events.map((event, index) => ({
        eventId: meta.eventIdSeed === undefined ? undefined : deterministicEventId(meta.eventIdSeed, index),
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data as Record<string, unknown>,
        metadata: {
          actor: meta.actor,
          correlationId: meta.correlationId,
          causationId: meta.causationId ?? null,
          effectiveAt: meta.effectiveAt,
        },
      })),
      { expectedVersion },
    );
    return {
      streamName,
      streamPosition: Number(result.nextExpectedVersion),
      globalPosition: Number(result.lastGlobalPosition),
    };
  }

  private async currentPosition(streamName: string, version: bigint): Promise<CommandResult> {
    const [last] = await this.store.readStream(streamName, { direction: 'backwards', maxCount: 1 });
    return {
      streamName,
      streamPosition: Number(version),
      globalPosition: last ? Number(last.globalPosition) : 0,
    };
  }
}
