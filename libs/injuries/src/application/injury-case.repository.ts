import { StreamVersionConflictError, type EventStore, type StoredEvent } from '@app/event-store';
import { type CommandMetadata, type CommandResult, deterministicEventId } from '@app/shared-kernel';
import type { InjuriesEvent } from '../domain/injuries-event.codec.js';
import { InjuryCase } from '../domain/injury-case.aggregate.js';
import type { InjuryCaseEvent } from '../domain/injury-case.events.js';
import { injuryStreamName } from '../domain/injury-case.events.js';
import { personalDataSubject } from '../domain/personal-data.js';
import { PersonalDataVault } from './personal-data/personal-data-vault.js';

/** An injury stream holds only the case's events. */
const asCaseEvent = (event: InjuriesEvent, stored: StoredEvent): InjuryCaseEvent => {
  if (event.type === 'FeedRecordQuarantined' || event.type === 'FeedManifestReceived' || event.type === 'WorkerPersonalDataErased') {
    throw new Error(`${event.type} in injury stream ${stored.streamName}`);
  }
  return event;
};

/** Events whose data carries personal fields, sealed before they are appended. */
const SEALED_TYPES: readonly string[] = ['InjuryDeclarationReceived', 'InjuryDeclarationCorrected'];

/**
 * Loads and saves InjuryCase streams. Unlike the generic AggregateRepository it lets the caller
 * name each event's id (deterministic ids for feed-derived and clock-derived events).
 */
export class InjuryCaseRepository {
  constructor(
    private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  async load(claimId: string, expectedVersion?: bigint): Promise<InjuryCase> {
    const streamName = injuryStreamName(claimId);
    const stored = await this.store.readStream(streamName);
    const version = stored.length === 0 ? -1n : stored[stored.length - 1].streamPosition;
    if (expectedVersion !== undefined && expectedVersion !== version) {
      throw new StreamVersionConflictError(streamName, expectedVersion, version);
    }
    // Read through the context's codec and the vault (any schema version, personal data opened or erased).
    const events = await this.vault.decodeAll(stored);
    return InjuryCase.empty().loadFromHistory(events.map((e, i) => asCaseEvent(e, stored[i])), version);
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
    const subject = personalDataSubject(injuryCase.content?.workerRef, claimId);
    const prepared = await Promise.all(
      events.map(async (event, index) => {
        // Same rule as AggregateRepository: a command's eventIdSeed makes its event ids deterministic.
        const eventId = eventIdFor
          ? eventIdFor(event, index, versionBefore)
          : meta.eventIdSeed !== undefined
            ? deterministicEventId(meta.eventIdSeed, index)
            : SEALED_TYPES.includes(event.type)
              ? PersonalDataVault.newEventId() // sealing binds the ciphertext to the event's id
              : undefined;
        const data = SEALED_TYPES.includes(event.type) ? await this.vault.sealCaseEvent(event, subject, eventId!) : { ...event.data };
        return { event, eventId, data };
      }),
    );
    const result = await this.store.appendToStream(
      streamName,
      prepared.map(({ event, eventId, data }) => ({
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
