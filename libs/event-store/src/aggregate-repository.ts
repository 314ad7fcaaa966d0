import type { DomainEvent, EventSourcedAggregate } from '@app/shared-kernel';
import type { EventStore, ExpectedVersion, StoredEvent } from './event-store.port.js';
import { StreamVersionConflictError } from './event-store.errors.js';
import { createHash } from 'node:crypto';

/** Who asks, why, and under which concurrency expectation: carried by every command. */
export interface CommandMetadata {
  actor: string;
  correlationId: string;
  causationId?: string | null;
  /** When the fact happened (ISO instant); the store's clock when absent. */
  effectiveAt?: string;
  /** From `If-Match`: the stream version the caller last saw. */
  expectedVersion?: bigint;
  /**
   * Makes the event ids deterministic (derived from this seed and the event's index), so a command
   * replayed with the same seed can never append twice — used by the feed and the demo loader.
   */
  eventIdSeed?: string;
}

/** The answer to every command (docs/http-api.md). */
export interface CommandResult {
  streamName: string;
  streamPosition: number;
  globalPosition: number;
}

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

/**
 * A UUID (version 5 layout) from SHA-1 of its parts: the same parts always give the same id, so an
 * append retried with the same parts is recognised by the store's idempotent append.
 */
export function deterministicEventId(...parts: (string | number | bigint)[]): string {
  const bytes = createHash('sha1').update(EVENT_ID_NAMESPACE).update('\u0000').update(parts.map(String).join('\u0000')).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const EVENT_ID_NAMESPACE = 'whole-staff-safety/events';
