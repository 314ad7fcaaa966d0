import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_STORE,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '@app/event-store';
import { deterministicEventId } from '@app/shared-kernel';
import type { ProcessManager, ProjectionTransaction } from '@app/projections';
import {
  REFERENCE_DATA,
  accidentTypesMatch,
  type AccidentTypeRef,
  type ReferenceData,
} from '@app/reference-data';
import { applyChanges } from '../domain/declaration-content.js';
import { INJURIES_EVENT_CODEC } from '../domain/injuries-event.codec.js';
import {
  injuryStreamName,
  INJURY_STREAM_PREFIX,
  type DeclarationContent,
  type RecurrenceFlagged,
  type RecurrenceFlagRetracted,
} from '../domain/injury-case.events.js';
import {
  earlierCasesOf,
  type EarlierCase,
  type RecurrenceCandidate,
} from '../domain/recurrence.js';
import { RecurrenceStateEntity } from './recurrence-state.entity.js';

const RECURRENCE_ACTOR = 'recurrence-detector';
// A little more than the 365-day window in instants; earlierCasesOf decides in calendar days.
const WINDOW_MS = 367 * 24 * 60 * 60 * 1000;
const DECLARATION_EVENTS = [
  'InjuryDeclarationReceived',
  'InjuryDeclarationCorrected',
  'InjuryDeclarationWithdrawn',
] as const;

/**
 * The recurrence process manager (docs/decisions/0104-recurrence-flag-v2.md): reads the declarations
 * in the log and keeps, in its own table, each case as declared and the earlier cases it has flagged
 * it as repeating. It decides from that state as of each event — never from the current aggregate or a
 * read model — and appends:
 * - one RecurrenceFlagged on the new case naming every earlier case it repeats (same enterprise,
 *   matching accident type, 0–365 days before, not the same incident);
 * - when a declaration arrives for an injury earlier than cases already flagged, one RecurrenceFlagged
 *   on each of those later cases naming it (what a case repeats depends on the cases, not on the order
 *   HR's declarations arrive, so Kafka and HTTP ingestion give the same flags in force);
 * - one RecurrenceFlagRetracted per case whose grounds a correction or withdrawal removed.
 * Declared in injury order, n cases give at most n flag events. Event ids derive from the case and the
 * declaration event that caused them, so a page replayed after a crash appends nothing new. A rebuild
 * never runs it.
 */
@Injectable()
export class RecurrenceDetector implements ProcessManager {
  readonly name = 'injuries.recurrence';
  readonly handles: readonly string[] = DECLARATION_EVENTS;
  readonly entities = [RecurrenceStateEntity];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  async applyPage(
    events: readonly StoredEvent[],
    tx: ProjectionTransaction,
  ): Promise<void> {
    const table = tx.table(RecurrenceStateEntity);
    const mine = events.filter((e) =>
      e.streamName.startsWith(INJURY_STREAM_PREFIX),
    );
    const cases = await table.load(mine.map(claimIdOf));
    const usccs = new Set<string>([...cases.values()].map((c) => c.uscc));
    for (const stored of mine) {
      const event = INJURIES_EVENT_CODEC.decode(stored);
      if (event.type === 'InjuryDeclarationReceived')
        usccs.add(event.data.uscc);
      if (
        event.type === 'InjuryDeclarationCorrected' &&
        event.data.changes.uscc
      )
        usccs.add(event.data.changes.uscc);
    }
    const loadedUsccs = new Set<string>();
    const loadGroups = async (wanted: Iterable<string>) => {
      const missing = [...wanted].filter((u) => !loadedUsccs.has(u));
      for (const row of await table.loadWhere('uscc', missing))
        if (!cases.has(row.claimId)) cases.set(row.claimId, row);
      for (const u of missing) loadedUsccs.add(u);
    };
    await loadGroups(usccs);

    const touched = new Set<RecurrenceStateEntity>();
    const appends = new Map<string, NewEvent[]>();
    const sameType = (a: AccidentTypeRef, b: AccidentTypeRef) =>
      accidentTypesMatch(this.referenceData, a, b);

    for (const stored of mine) {
      const event = INJURIES_EVENT_CODEC.decode(stored);
      const claimId = claimIdOf(stored);
      const before = cases.get(claimId);
      let after: RecurrenceStateEntity;
      switch (event.type) {
        case 'InjuryDeclarationReceived': {
          const d = event.data;
          after = {
            claimId,
            uscc: d.uscc,
            accidentType: d.accidentType ?? null,
            injuredAt: d.injuredAt,
            withdrawn: d.determination === 'not-recognised',
            incidentRef: d.incidentRef ?? null,
            flagged: before?.flagged ?? [],
          };
          break;
        }
        case 'InjuryDeclarationCorrected': {
          if (!before) continue;
          const { changes } = event.data;
          const content = applyChanges(
            {
              uscc: before.uscc,
              accidentType: before.accidentType ?? undefined,
              injuredAt: before.injuredAt,
              incidentRef: before.incidentRef ?? undefined,
            } as DeclarationContent,
            changes,
          );
          after = {
            ...before,
            uscc: content.uscc,
            accidentType: content.accidentType ?? null,
            injuredAt: content.injuredAt,
            incidentRef: content.incidentRef ?? null,
            withdrawn:
              changes.determination !== undefined
                ? changes.determination === 'not-recognised'
                : before.withdrawn,
          };
          break;
        }
        case 'InjuryDeclarationWithdrawn':
          if (!before) continue;
          after = { ...before, withdrawn: true };
          break;
        default:
          continue;
      }
      cases.set(claimId, after);
      touched.add(after);
      await loadGroups([after.uscc]);

      // The cases whose earlier cases this event can change: itself, those naming it, and those of its
      // enterprise (before and after the event) it can now precede.
      const group = [...cases.values()].filter(
        (c) => c.uscc === after.uscc || c.uscc === before?.uscc,
      );
      const candidates = group.map(asCandidate);
      const from = Date.parse(after.injuredAt);
      const affected = group.filter((c) => {
        if (c.claimId === claimId || c.flagged.includes(claimId)) return true;
        const gap = Date.parse(c.injuredAt) - from;
        return c.uscc === after.uscc && gap >= 0 && gap <= WINDOW_MS;
      });
      for (const c of affected) {
        const wanted = earlierCasesOf(candidates, asCandidate(c), sameType);
        const wantedIds = new Set(wanted.map((w) => w.claimId));
        const removed = c.flagged.filter((id) => !wantedIds.has(id));
        const added = wanted.filter((w) => !c.flagged.includes(w.claimId));
        if (removed.length === 0 && added.length === 0) continue;
        const out = appends.get(c.claimId) ?? [];
        const meta = {
          actor: RECURRENCE_ACTOR,
          correlationId: stored.metadata.correlationId,
          causationId: stored.eventId,
          effectiveAt: stored.metadata.effectiveAt,
        };
        if (removed.length > 0) {
          const data: RecurrenceFlagRetracted['data'] = {
            previousClaimIds: removed,
            reason: `${event.type} of ${claimId}`,
          };
          out.push({
            eventId: deterministicEventId(
              'recurrence-retracted',
              c.claimId,
              stored.eventId,
            ),
            type: 'RecurrenceFlagRetracted',
            schemaVersion: 2,
            data,
            metadata: meta,
          });
        }
        if (added.length > 0) {
          out.push({
            eventId: deterministicEventId(
              'recurrence-flagged',
              c.claimId,
              stored.eventId,
            ),
            type: 'RecurrenceFlagged',
            schemaVersion: 2,
            data: flagData(c, added, wanted),
            metadata: meta,
          });
        }
        appends.set(c.claimId, out);
        c.flagged = wanted.map((w) => w.claimId);
        touched.add(c);
      }
    }
    // Appended before the state commits: if the commit fails, the page is replayed, decides the same,
    // and the same event ids append nothing twice.
    for (const [claimId, newEvents] of appends) {
      await this.store.appendToStream(injuryStreamName(claimId), newEvents, {
        expectedVersion: 'any',
      });
    }
    await table.upsert(touched);
  }
}

function flagData(
  c: RecurrenceStateEntity,
  added: EarlierCase[],
  all: EarlierCase[],
): RecurrenceFlagged['data'] {
  return {
    previousClaimIds: added.map((a) => a.claimId),
    accidentType: c.accidentType!,
    daysSinceLatest: Math.min(...all.map((a) => a.daysBetween)),
    daysBetween: added.map((a) => a.daysBetween),
  };
}

function claimIdOf(event: StoredEvent): string {
  return event.streamName.slice(INJURY_STREAM_PREFIX.length);
}

function asCandidate(
  row: RecurrenceStateEntity,
): RecurrenceCandidate & { incidentRef?: string } {
  return {
    claimId: row.claimId,
    uscc: row.uscc,
    accidentType: row.accidentType ?? undefined,
    injuredAt: row.injuredAt,
    withdrawn: row.withdrawn,
    incidentRef: row.incidentRef ?? undefined,
  };
}
