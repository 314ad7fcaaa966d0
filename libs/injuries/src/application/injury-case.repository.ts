import {
  deterministicEventId,
  StreamVersionConflictError,
  type CommandMetadata,
  type CommandResult,
  type EventStore,
  type StoredEvent,
} from '@app/event-store';
import { INJURIES_EVENT_CODEC } from '../domain/injuries-event.codec.js';
import { InjuryCase } from '../domain/injury-case.aggregate.js';
import type { InjuryCaseEvent } from '../domain/injury-case.events.js';
import { injuryStreamName } from '../domain/injury-case.events.js';

/** An injury stream holds only the case's events; read through the context's codec (any schema version). */
const toDomainEvent = (stored: StoredEvent): InjuryCaseEvent => {
  const event = INJURIES_EVENT_CODEC.decode(stored);
  if (event.type === 'FeedRecordQuarantined' || event.type === 'FeedManifestReceived') {
    throw new Error(`${event.type} in injury stream ${stored.streamName}`);
  }
  return event;
};

/**
 * Loads and saves InjuryCase streams. Unlike the generic AggregateRepository it lets the caller
 * name each event's id (deterministic ids for feed-derived and clock-derived events).
 */
export class InjuryCaseRepository {
  constructor(private readonly store: EventStore) {}

  async load(claimId: string, expectedVersion?: bigint): Promise<InjuryCase> {
    const streamName = injuryStreamName(claimId);
    const stored = await this.store.readStream(streamName);
    const version = stored.length === 0 ? -1n : stored[stored.length - 1].streamPosition;
    if (expectedVersion !== undefined && expectedVersion !== version) {
      throw new StreamVersionConflictError(streamName, expectedVersion, version);
    }
    return InjuryCase.empty().loadFromHistory(stored.map(toDomainEvent), version);
  }

  /**
   * Appends the pending events with optimistic concurrency. `eventIdFor(event, index, versionBefore)`
   * names an event's id; absent, the command's eventIdSeed does, else the store generates one.
   */
  async save(
    claimId: string,
    injuryCase: InjuryCase,
    meta: CommandMetadata,
    eventIdFor?: (event: InjuryCaseEvent, index: number, versionBefore: bigint) => string,
  ): Promise<CommandResult> {
    const streamName = injuryStreamName(claimId);
    const events = injuryCase.pullPendingEvents();
    if (events.length === 0) {
      const [last] = await this.store.readStream(streamName, { direction: 'backwards', maxCount: 1 });
      return { streamName, streamPosition: Number(injuryCase.version), globalPosition: last ? Number(last.globalPosition) : 0 };
    }
    const versionBefore = injuryCase.version;
    const result = await this.store.appendToStream(
      streamName,
      events.map((event, index) => ({
        // Same rule as AggregateRepository: a command's eventIdSeed makes its event ids deterministic.
        ...(eventIdFor
          ? { eventId: eventIdFor(event, index, versionBefore) }
          : meta.eventIdSeed !== undefined
            ? { eventId: deterministicEventId(meta.eventIdSeed, index) }
            : {}),
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: { ...event.data },
        metadata: {
          actor: meta.actor,
          correlationId: meta.correlationId,
          causationId: meta.causationId ?? null,
          effectiveAt: meta.effectiveAt,
        },
      })),
      { expectedVersion: injuryCase.isNew ? 'no_stream' : versionBefore },
    );
    return {
      streamName,
      streamPosition: Number(result.nextExpectedVersion),
      globalPosition: Number(result.lastGlobalPosition),
    };
  }
}
