import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deterministicEventId, EVENT_STORE, type EventStore, type StoredEvent } from '@app/event-store';
import type { ProcessManager, ProjectionTransaction } from '@app/projections';
import { REFERENCE_DATA, accidentTypesMatch, type AccidentTypeRef, type ReferenceData } from '@app/reference-data';
import { InjuryCaseRepository } from '../application/injury-case.repository.js';
import { applyChanges } from '../domain/declaration-content.js';
import { INJURIES_EVENT_CODEC } from '../domain/injuries-event.codec.js';
import type { DeclarationContent, InjuryDeclarationReceived } from '../domain/injury-case.events.js';
import { recurrencePairs, type RecurrenceCandidate } from '../domain/recurrence.js';
import { RecurrenceCandidateEntity, RecurrenceFlagEntity } from './recurrence-candidate.entity.js';

const RECURRENCE_DETECTOR_ACTOR = 'recurrence-detector';

/**
 * Keeps recurrence flags true to the declarations: flags recurrences (same enterprise, same accident type, injuries 0–365 days apart: the later case
 * is flagged against the earlier one) by reading the log in global order — never a read model that
 * another process may not have caught up with. With recurrencePairs the flags do not depend on the
 * order declarations arrived in, so the same feed gives the same RecurrenceFlagged events whichever
 * transport brought it and however the processes are deployed. A correction or withdrawal that
 * removes the grounds of a flag retracts it (RecurrenceFlagRetracted). Event ids derive from the two
 * claims and how often the pair was flagged before, so a page replayed after a crash appends nothing.
 */
@Injectable()
export class RecurrenceDetector implements ProcessManager {
  readonly name = 'injuries.recurrence-detector';
  readonly handles: readonly string[] = [
    'InjuryDeclarationReceived',
    'InjuryDeclarationCorrected',
    'InjuryDeclarationWithdrawn',
    'RecurrenceFlagged',
    'RecurrenceFlagRetracted',
  ];
  readonly entities = [RecurrenceCandidateEntity, RecurrenceFlagEntity];
  private readonly cases: InjuryCaseRepository;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {
    this.cases = new InjuryCaseRepository(store);
  }

  async applyPage(events: readonly StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    for (const event of events) await this.project(event, tx.manager);
  }

  private async project(stored: StoredEvent, em: EntityManager): Promise<void> {
    const event = INJURIES_EVENT_CODEC.decode(stored);
    const candidates = em.getRepository(RecurrenceCandidateEntity);
    const flags = em.getRepository(RecurrenceFlagEntity);
    const claimId = stored.streamName.replace(/^injury-/, '');
    const known = await candidates.findOneBy({ claimId });
    let candidate: RecurrenceCandidateEntity;
    switch (event.type) {
      case 'RecurrenceFlagged': {
        const { previousClaimId } = event.data;
        await flags.upsert({ laterClaimId: claimId, previousClaimId }, ['laterClaimId', 'previousClaimId']);
        return;
      }
      case 'RecurrenceFlagRetracted': {
        const { previousClaimId } = event.data;
        await flags.delete({ laterClaimId: claimId, previousClaimId });
        return;
      }
      case 'InjuryDeclarationReceived':
        candidate = toCandidate(claimId, event.data);
        break;
      case 'InjuryDeclarationCorrected': {
        if (!known) return;
        const { changes } = event.data;
        const before = {
          uscc: known.uscc,
          accidentType: known.accidentType ?? undefined,
          injuredAt: known.injuredAt,
          incidentRef: known.incidentRef ?? undefined,
        } as DeclarationContent;
        const after = applyChanges(before, changes);
        candidate = {
          ...known,
          uscc: after.uscc,
          accidentType: after.accidentType ?? null,
          injuredAt: after.injuredAt,
          incidentRef: after.incidentRef ?? null,
        };
        if (changes.determination !== undefined) candidate.withdrawn = changes.determination === 'not-recognised';
        break;
      }
      case 'InjuryDeclarationWithdrawn':
        if (!known) return;
        candidate = { ...known, withdrawn: true };
        break;
      default:
        return;
    }
    await candidates.save(candidate);

    // What the log now says this case takes part in, against what is flagged: retract, then add.
    const sameEnterprise = await candidates.findBy({ uscc: candidate.uscc });
    const wanted = recurrencePairs(sameEnterprise.map(asRecurrenceCandidate), asRecurrenceCandidate(candidate), (a, b) =>
      accidentTypesMatch(this.referenceData, a, b),
    );
    const wantedKeys = new Set(wanted.map((p) => `${p.claimId}\u0000${p.recurrence.previousClaimId}`));
    const flagged = [...(await flags.findBy({ laterClaimId: claimId })), ...(await flags.findBy({ previousClaimId: claimId }))];
    const meta = {
      actor: RECURRENCE_DETECTOR_ACTOR,
      correlationId: stored.metadata.correlationId,
      causationId: stored.eventId,
      effectiveAt: stored.metadata.effectiveAt,
    };
    for (const flag of flagged) {
      if (wantedKeys.has(`${flag.laterClaimId}\u0000${flag.previousClaimId}`)) continue;
      const later = await this.cases.load(flag.laterClaimId);
      const nth = later.timesFlagged(flag.previousClaimId);
      if (later.retractRecurrence(flag.previousClaimId, `${event.type} of ${claimId}`)) {
        await this.cases.save(flag.laterClaimId, later, meta, () =>
          deterministicEventId('recurrence-retracted', flag.laterClaimId, flag.previousClaimId, nth),
        );
      }
      await flags.delete({ laterClaimId: flag.laterClaimId, previousClaimId: flag.previousClaimId });
    }
    for (const { claimId: laterClaimId, recurrence } of wanted) {
      const later = await this.cases.load(laterClaimId);
      const nth = later.timesFlagged(recurrence.previousClaimId);
      if (later.flagRecurrence(recurrence)) {
        await this.cases.save(laterClaimId, later, meta, () =>
          deterministicEventId('recurrence', laterClaimId, recurrence.previousClaimId, nth),
        );
      }
      await flags.upsert({ laterClaimId, previousClaimId: recurrence.previousClaimId }, ['laterClaimId', 'previousClaimId']);
    }
  }
}

function toCandidate(claimId: string, data: InjuryDeclarationReceived['data']): RecurrenceCandidateEntity {
  return {
    claimId,
    uscc: data.uscc,
    accidentType: (data.accidentType as AccidentTypeRef | undefined) ?? null,
    injuredAt: data.injuredAt,
    withdrawn: data.determination === 'not-recognised',
    incidentRef: data.incidentRef ?? null,
  };
}

function asRecurrenceCandidate(row: RecurrenceCandidateEntity): RecurrenceCandidate & { incidentRef?: string } {
  return {
    claimId: row.claimId,
    uscc: row.uscc,
    accidentType: row.accidentType ?? undefined,
    injuredAt: row.injuredAt,
    withdrawn: row.withdrawn,
    incidentRef: row.incidentRef ?? undefined,
  };
}
