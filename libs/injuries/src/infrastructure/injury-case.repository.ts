import { Inject, Injectable } from '@nestjs/common';
import {
  AggregateRepository,
  EVENT_STORE,
  seededEventIds,
  type EventStore,
  type StoredEvent,
  type StreamAppend,
} from '@app/event-store';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import type {
  InjuryCaseRepository,
  InjuryEventIdFor,
} from '../application/injury-case.repository.js';
import { PersonalDataVault } from '../application/personal-data/personal-data-vault.js';
import type { InjuriesEvent } from '../domain/injuries-event.codec.js';
import { InjuryCase } from '../domain/injury-case.aggregate.js';
import {
  injuryStreamName,
  type InjuryCaseEvent,
} from '../domain/injury-case.events.js';
import { personalDataSubject } from '../domain/personal-data.js';

/** An injury stream holds only the case's events. */
const asCaseEvent = (
  event: InjuriesEvent,
  stored: StoredEvent,
): InjuryCaseEvent => {
  if (
    event.type === 'FeedRecordQuarantined' ||
    event.type === 'FeedManifestReceived' ||
    event.type === 'WorkerPersonalDataErased'
  ) {
    throw new Error(`${event.type} in injury stream ${stored.streamName}`);
  }
  return event;
};

/** Events whose data carries personal fields, sealed before they are appended. */
const SEALED_TYPES: readonly string[] = [
  'InjuryDeclarationReceived',
  'InjuryDeclarationCorrected',
];

/**
 * InjuryCase streams through the event store: read through the context's codec and the vault (any
 * schema version, personal data opened or erased); declarations sealed under their event id, which is
 * therefore always named here (sealing binds the ciphertext to the event's id).
 */
@Injectable()
export class EventStoreInjuryCaseRepository implements InjuryCaseRepository {
  private readonly aggregates: AggregateRepository<InjuryCaseEvent, InjuryCase>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    vault: PersonalDataVault,
  ) {
    this.aggregates = new AggregateRepository<InjuryCaseEvent, InjuryCase>(
      store,
      {
        create: InjuryCase.empty,
        decode: async (stored) =>
          (await vault.decodeAll(stored)).map((event, i) =>
            asCaseEvent(event, stored[i]),
          ),
        eventIds: (event, index, versionBefore, meta) =>
          seededEventIds(event, index, versionBefore, meta) ??
          (SEALED_TYPES.includes(event.type)
            ? PersonalDataVault.newEventId()
            : undefined),
        encode: (event, eventId, injuryCase) =>
          SEALED_TYPES.includes(event.type)
            ? vault.sealCaseEvent(
                event,
                personalDataSubject(
                  injuryCase.content?.workerRef,
                  injuryCase.claimId!,
                ),
                eventId!,
              )
            : { ...event.data },
      },
    );
  }

  load(claimId: string, expectedVersion?: bigint): Promise<InjuryCase> {
    return this.aggregates.load(injuryStreamName(claimId), expectedVersion);
  }

  save(
    claimId: string,
    injuryCase: InjuryCase,
    meta: CommandMetadata,
    eventIdFor?: InjuryEventIdFor,
  ): Promise<CommandResult> {
    return this.aggregates.save(
      injuryStreamName(claimId),
      injuryCase,
      meta,
      eventIdFor,
    );
  }

  pendingAppend(
    claimId: string,
    injuryCase: InjuryCase,
    meta: CommandMetadata,
    eventIdFor?: InjuryEventIdFor,
  ): Promise<StreamAppend | undefined> {
    return this.aggregates.pendingAppend(
      injuryStreamName(claimId),
      injuryCase,
      meta,
      eventIdFor,
    );
  }
}
