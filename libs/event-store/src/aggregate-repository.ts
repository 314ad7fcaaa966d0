import {
  deterministicEventId,
  type CommandMetadata,
  type CommandResult,
  type DomainEvent,
  type EventSourcedAggregate,
} from '@app/shared-kernel';
import type {
  EventStore,
  ExpectedVersion,
  NewEvent,
  StoredEvent,
  StreamAppend,
} from './event-store.port.js';
import { StreamVersionConflictError } from './event-store.errors.js';

/**
 * Names the id of each event a save appends; undefined lets the store generate one. A deterministic id
 * makes a retried command append nothing twice (the store's idempotent append).
 */
export type EventIdStrategy<E extends DomainEvent> = (
  event: E,
  index: number,
  versionBefore: bigint,
  meta: CommandMetadata,
) => string | undefined;

/** The default strategy: a command's eventIdSeed names its events (seed, index); otherwise the store does. */
export const seededEventIds = <E extends DomainEvent>(
  _event: E,
  index: number,
  _versionBefore: bigint,
  meta: CommandMetadata,
): string | undefined =>
  meta.eventIdSeed === undefined
    ? undefined
    : deterministicEventId(meta.eventIdSeed, index);

/** How one context reads and writes its aggregate's stream. */
export interface AggregateRepositoryOptions<
  E extends DomainEvent,
  A extends EventSourcedAggregate<E>,
> {
  /** A new, empty aggregate. */
  create: () => A;
  /** The stream's stored events as the aggregate's events: the context's codec (`codec.decode`). */
  decode: (stored: readonly StoredEvent[]) => E[] | Promise<E[]>;
  /** The data stored for an event (e.g. personal fields sealed under its id); a copy of its data by default. */
  encode?: (
    event: E,
    eventId: string | undefined,
    aggregate: A,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Who names the event ids; `seededEventIds` by default. */
  eventIds?: EventIdStrategy<E>;
}

/**
 * The one event-sourced repository of every context: loads an aggregate from its stream and appends
 * what a command raised, with optimistic concurrency: the append expects the version the aggregate
 * was loaded at, so two commands racing on the same stream cannot both win. Each context wraps it in
 * an adapter (infrastructure/) behind its own port (application/).
 */
export class AggregateRepository<
  E extends DomainEvent,
  A extends EventSourcedAggregate<E>,
> {
  constructor(
    private readonly store: EventStore,
    private readonly options: AggregateRepositoryOptions<E, A>,
  ) {}

  /** Loads the stream; with `expectedVersion` (If-Match) fails fast when it is stale. */
  async load(streamName: string, expectedVersion?: bigint): Promise<A> {
    const stored = await this.store.readStream(streamName);
    const version =
      stored.length === 0 ? -1n : stored[stored.length - 1].streamPosition;
    if (expectedVersion !== undefined && expectedVersion !== version) {
      throw new StreamVersionConflictError(
        streamName,
        expectedVersion,
        version,
      );
    }
    return this.options
      .create()
      .loadFromHistory(await this.options.decode(stored), version);
  }

  /**
   * Appends the aggregate's pending events; a command that raised nothing appends nothing. `eventIds`
   * replaces the repository's id strategy for this save (ids derived from feed content or a deadline).
   */
  async save(
    streamName: string,
    aggregate: A,
    meta: CommandMetadata,
    eventIds?: EventIdStrategy<E>,
  ): Promise<CommandResult> {
    const append = await this.pendingAppend(
      streamName,
      aggregate,
      meta,
      eventIds,
    );
    if (!append) return this.currentPosition(streamName, aggregate.version);
    const result = await this.store.appendToStream(
      streamName,
      append.events,
      append.options,
    );
    return {
      streamName,
      streamPosition: Number(result.nextExpectedVersion),
      globalPosition: Number(result.lastGlobalPosition),
    };
  }

  /**
   * What `save` would append — the aggregate's pending events (taken from it), named and encoded,
   * expecting the version it was loaded at — without appending it: for a caller that appends several
   * aggregates' events in one `appendToStreams` (docs/decisions/0173). Undefined when nothing was
   * raised.
   */
  async pendingAppend(
    streamName: string,
    aggregate: A,
    meta: CommandMetadata,
    eventIds?: EventIdStrategy<E>,
  ): Promise<StreamAppend | undefined> {
    const events = aggregate.pullPendingEvents();
    if (events.length === 0) return undefined;
    const versionBefore = aggregate.version;
    const nameId = eventIds ?? this.options.eventIds ?? seededEventIds;
    const newEvents = await Promise.all(
      events.map(async (event, index) => {
        const eventId = nameId(event, index, versionBefore, meta);
        const data = this.options.encode
          ? await this.options.encode(event, eventId, aggregate)
          : { ...(event.data as Record<string, unknown>) };
        return newEvent(event, data, eventId, meta);
      }),
    );
    const expectedVersion: ExpectedVersion = aggregate.isNew
      ? 'no_stream'
      : versionBefore;
    return { streamName, events: newEvents, options: { expectedVersion } };
  }

  private async currentPosition(
    streamName: string,
    version: bigint,
  ): Promise<CommandResult> {
    const [last] = await this.store.readStream(streamName, {
      direction: 'backwards',
      maxCount: 1,
    });
    return {
      streamName,
      streamPosition: Number(version),
      globalPosition: last ? Number(last.globalPosition) : 0,
    };
  }
}

/**
 * A domain event as the store appends it, with the command's metadata: the one mapping from a command
 * to stored events, also used for events that belong to no aggregate (the feed week's quarantine and
 * manifests).
 */
export function newEvent(
  event: DomainEvent,
  data: Record<string, unknown>,
  eventId: string | undefined,
  meta: CommandMetadata,
): NewEvent {
  return {
    ...(eventId === undefined ? {} : { eventId }),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data,
    metadata: {
      actor: meta.actor,
      correlationId: meta.correlationId,
      causationId: meta.causationId ?? null,
      effectiveAt: meta.effectiveAt,
    },
  };
}
