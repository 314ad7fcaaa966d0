import { Injectable } from '@nestjs/common';
import { PersonalDataVault } from '../application/personal-data/personal-data-vault.js';
import { ENTERPRISE_EVENT_CODEC } from '@app/enterprises';
import type { StoredEvent } from '@app/event-store';
import type { ProjectionTransaction, Projector } from '@app/projections';
import { UNASSIGNED_ZONE_ID } from '@app/reference-data';
import { shanghaiDate } from '@app/shared-kernel';
import {
  injuryCaseStatus,
  type InjuryCaseStatus,
} from '../domain/injury-case-status.js';
import type { InjuriesEvent } from '../domain/injuries-event.codec.js';
import {
  DECLARATION_CONTENT_FIELDS,
  INJURY_CASE_EVENT_TYPES,
  INJURY_STREAM_PREFIX,
  type InjuryCaseEvent,
  type InjuryDeclarationReceived,
} from '../domain/injury-case.events.js';
import { PERSONAL_DECLARATION_FIELDS } from '../domain/personal-data.js';
import { PERSONAL_DATA_EVENT_TYPES } from '../domain/personal-data.events.js';
import { InjuryCaseViewEntity } from './injury-case-view.entity.js';
import { InjuryEnterpriseZoneEntity } from './injury-enterprise-zone.entity.js';

/** Enterprise events this projector reads to re-attribute `unassigned` cases (public in @app/enterprises). */
const ENTERPRISE_EVENTS: readonly string[] = [
  'EnterpriseRegistered',
  'EnterpriseZoneReassigned',
];

/**
 * Maintains injury_case_view a page at a time: the page's cases, the unmatched cases of enterprises
 * registered in the page and the zones of the enterprises it names are loaded in three queries,
 * the events applied in memory, and each touched row written once. An event at or below a row's
 * lastGlobalPosition is skipped, so redelivery and rebuilds give the same rows.
 *
 * Re-attribution (docs/decisions/0031): a declaration whose uscc was not registered arrives with zone
 * `unassigned`; when EnterpriseRegistered for that uscc is projected, its cases move to the
 * enterprise's zone. A declaration stamped `unassigned` that lands in the log after the registration
 * (a race with the directory lookup) is attributed from injury_enterprise_zone on arrival.
 *
 * Personal fields come opened by the vault, or erased (docs/decisions/0230). WorkerPersonalDataErased
 * clears them on the worker's rows, and every touched row of an erased worker is cleared too (v1
 * corrections held them in clear), so live rows and a rebuild after the erasure agree.
 */
@Injectable()
export class InjuryCaseViewProjector implements Projector {
  readonly name = 'injuries.injury-case-view';
  readonly version = 2;
  readonly handles: readonly string[] = [
    ...INJURY_CASE_EVENT_TYPES,
    ...ENTERPRISE_EVENTS,
    ...PERSONAL_DATA_EVENT_TYPES,
  ];
  readonly entities = [InjuryCaseViewEntity, InjuryEnterpriseZoneEntity];

  constructor(private readonly vault: PersonalDataVault) {}

  async applyPage(
    events: readonly StoredEvent[],
    tx: ProjectionTransaction,
  ): Promise<void> {
    const claimIds = new Set<string>();
    const usccs = new Set<string>();
    const registered = new Set<string>();
    const erasedWorkers = new Set<string>();
    const ours = events.filter((e) => !ENTERPRISE_EVENTS.includes(e.type));
    const opened = new Map<StoredEvent, InjuriesEvent>(
      (await this.vault.decodeAll(ours)).map((event, i) => [ours[i], event]),
    );
    for (const stored of events) {
      if (ENTERPRISE_EVENTS.includes(stored.type)) {
        const event = ENTERPRISE_EVENT_CODEC.decode(stored);
        if (
          event.type === 'EnterpriseRegistered' ||
          event.type === 'EnterpriseZoneReassigned'
        )
          usccs.add(event.data.uscc);
        if (event.type === 'EnterpriseRegistered')
          registered.add(event.data.uscc);
      } else if (stored.streamName.startsWith(INJURY_STREAM_PREFIX)) {
        claimIds.add(stored.streamName.slice(INJURY_STREAM_PREFIX.length));
        const event = opened.get(stored)!;
        if (event.type === 'InjuryDeclarationReceived')
          usccs.add(event.data.uscc);
      } else {
        const event = opened.get(stored)!;
        if (event.type === 'WorkerPersonalDataErased')
          erasedWorkers.add(event.data.workerRef);
      }
    }
    const cases = tx.table(InjuryCaseViewEntity);
    const zoneTable = tx.table(InjuryEnterpriseZoneEntity);
    const rows = await cases.load(claimIds);
    for (const row of await cases.loadWhere('uscc', registered))
      if (row.unmatched && !rows.has(row.claimId)) rows.set(row.claimId, row);
    for (const row of await cases.loadWhere('workerRef', erasedWorkers))
      if (!rows.has(row.claimId)) rows.set(row.claimId, row);
    // Corrections may move a case to another uscc: their zones are looked up on demand below.
    const zones = new Map(
      [...(await zoneTable.load(usccs))].map(([uscc, row]) => [
        uscc,
        row.zoneId,
      ]),
    );
    const touched = new Set<InjuryCaseViewEntity>();
    const touchedZones = new Set<string>();
    // The page's unmatched cases by uscc, kept current as events apply: a registration looks at its own
    // cases only, not at every case of the page.
    const unmatched = new Map<string, Set<InjuryCaseViewEntity>>();
    const trackedUnder = new Map<InjuryCaseViewEntity, string>();
    const track = (row: InjuryCaseViewEntity) => {
      const before = trackedUnder.get(row);
      if (before !== undefined) unmatched.get(before)?.delete(row);
      trackedUnder.delete(row);
      if (!row.unmatched) return;
      let cases = unmatched.get(row.uscc);
      if (!cases) unmatched.set(row.uscc, (cases = new Set()));
      cases.add(row);
      trackedUnder.set(row, row.uscc);
    };
    for (const row of rows.values()) track(row);
    const zoneOf = async (uscc: string): Promise<string | undefined> => {
      if (!zones.has(uscc)) {
        const found = (await zoneTable.load([uscc])).get(uscc);
        if (found) zones.set(uscc, found.zoneId);
      }
      return zones.get(uscc);
    };

    for (const stored of events) {
      if (ENTERPRISE_EVENTS.includes(stored.type)) {
        const event = ENTERPRISE_EVENT_CODEC.decode(stored);
        if (event.type === 'EnterpriseRegistered') {
          zones.set(event.data.uscc, event.data.zoneId);
          touchedZones.add(event.data.uscc);
          // Cases declared before the registration move to the zone the enterprise registered in.
          for (const row of unmatched.get(event.data.uscc) ?? []) {
            if (row.uscc !== event.data.uscc || !row.unmatched) continue;
            row.zoneId = event.data.zoneId;
            row.unmatched = false;
            touched.add(row);
          }
        } else if (event.type === 'EnterpriseZoneReassigned') {
          // Attributed cases keep the zone of their time; only later `unassigned` arrivals use the new one.
          zones.set(event.data.uscc, event.data.toZoneId);
          touchedZones.add(event.data.uscc);
        }
        continue;
      }
      const event = opened.get(stored)!;
      if (event.type === 'WorkerPersonalDataErased') {
        for (const row of rows.values()) {
          if (row.workerRef !== event.data.workerRef) continue;
          clearPersonalData(row);
          touched.add(row);
        }
        continue;
      }
      if (!stored.streamName.startsWith(INJURY_STREAM_PREFIX)) continue;
      const claimId = stored.streamName.slice(INJURY_STREAM_PREFIX.length);
      if (
        event.type === 'FeedRecordQuarantined' ||
        event.type === 'FeedManifestReceived'
      )
        continue;
      let row = rows.get(claimId);
      if (row && BigInt(row.lastGlobalPosition) >= stored.globalPosition)
        continue;
      if (event.type === 'InjuryDeclarationReceived') {
        row = newRow(claimId, event.data, stored.metadata.recordedAt);
        rows.set(claimId, row);
      } else if (!row) {
        continue; // an event for a case this model never saw received: nothing to attach it to
      } else {
        applyTo(row, event, stored.metadata.effectiveAt);
      }
      if (
        event.type === 'InjuryDeclarationReceived' ||
        (event.type === 'InjuryDeclarationCorrected' && event.data.zoneId)
      ) {
        // A case stamped `unassigned` takes the zone of its enterprise if this projector has seen it registered.
        if (row.zoneId !== UNASSIGNED_ZONE_ID) {
          row.unmatched = false;
        } else {
          const known = await zoneOf(row.uscc);
          if (known !== undefined) row.zoneId = known;
          row.unmatched = known === undefined;
        }
      }
      if (
        (event.type === 'InjuryDeclarationReceived' ||
          event.type === 'InjuryDeclarationCorrected') &&
        event.data.personalDataErased
      ) {
        clearPersonalData(row);
      }
      row.status = statusOf(row);
      row.lastGlobalPosition = stored.globalPosition.toString();
      touched.add(row);
      track(row);
    }
    // A v1 correction held personal fields in clear and names no worker: clear them on every touched
    // row of an erased worker.
    const refs = [...touched]
      .map((row) => row.workerRef)
      .filter((ref): ref is string => ref !== null && !erasedWorkers.has(ref));
    const erased =
      refs.length > 0 ? await this.vault.erasedAmong(refs) : new Set<string>();
    for (const row of touched)
      if (row.workerRef !== null && erased.has(row.workerRef))
        clearPersonalData(row);
    await cases.upsert(touched);
    await zoneTable.upsert(
      [...touchedZones].map((uscc) => ({ uscc, zoneId: zones.get(uscc)! })),
    );
  }
}

function newRow(
  claimId: string,
  d: InjuryDeclarationReceived['data'],
  receivedAt: string,
): InjuryCaseViewEntity {
  return {
    claimId,
    uscc: d.uscc,
    employerName: d.employerName ?? null,
    zoneId: d.zoneId,
    status: 'open',
    unmatched: false,
    feedWeek: d.feedWeek,
    lastFeedWeek: d.feedWeek,
    feedWeeks: [d.feedWeek],
    incidentRef: d.incidentRef ?? null,
    injuredAt: d.injuredAt,
    injuredOn: shanghaiDate(d.injuredAt),
    declaredAt: d.declaredAt,
    determination: d.determination,
    injuryNature: d.injuryNature,
    accidentType: d.accidentType ?? null,
    bodyPart: d.bodyPart ?? null,
    severity: d.severity,
    medicalTreatmentClaim: d.medicalTreatmentClaim,
    disabilityGrade: d.disabilityGrade ?? null,
    workerRef: d.workerRef ?? null,
    occupation: d.occupation ?? null,
    narrative: d.narrative ?? null,
    personalDataErased: false,
    correctionCount: 0,
    withdrawn: false,
    withdrawalReason: null,
    followUpDueBy: null,
    followUpOverdue: false,
    visitCompletedAt: null,
    visitOfficerId: null,
    causeAnalysis: null,
    recommendations: [],
    rectificationOrderedAt: null,
    rectificationItems: [],
    rectificationVerifiedAt: null,
    rectificationVerifiedBy: null,
    closedAt: null,
    closureReason: null,
    recurrences: [],
    receivedAt,
    lastGlobalPosition: '0',
  };
}

function applyTo(
  row: InjuryCaseViewEntity,
  event: Exclude<InjuryCaseEvent, { type: 'InjuryDeclarationReceived' }>,
  at: string,
): void {
  switch (event.type) {
    case 'InjuryDeclarationCorrected': {
      for (const field of DECLARATION_CONTENT_FIELDS) {
        if (!(field in event.data.changes)) continue;
        Object.assign(row, { [field]: event.data.changes[field] ?? null });
      }
      if (event.data.changes.injuredAt)
        row.injuredOn = shanghaiDate(event.data.changes.injuredAt);
      if (event.data.zoneId) row.zoneId = event.data.zoneId;
      if (
        event.data.changes.determination &&
        event.data.changes.determination !== 'not-recognised'
      ) {
        row.withdrawn = false;
        row.withdrawalReason = null;
      }
      row.lastFeedWeek = event.data.feedWeek;
      row.feedWeeks = withWeek(row.feedWeeks, event.data.feedWeek);
      row.correctionCount += 1;
      return;
    }
    case 'InjuryDeclarationWithdrawn':
      row.withdrawn = true;
      row.withdrawalReason = event.data.reason;
      row.determination = 'not-recognised';
      row.lastFeedWeek = event.data.feedWeek;
      row.feedWeeks = withWeek(row.feedWeeks, event.data.feedWeek);
      return;
    case 'FollowUpVisitScheduled':
      row.followUpDueBy = event.data.dueBy;
      return;
    case 'FollowUpVisitCompleted':
      row.visitCompletedAt = at;
      row.visitOfficerId = event.data.officerId;
      row.causeAnalysis = event.data.causeAnalysis;
      row.recommendations = event.data.recommendations;
      return;
    case 'RectificationOrdered':
      row.rectificationOrderedAt = at;
      row.rectificationItems = event.data.items.map((i) => ({
        ...i,
        completedAt: null,
        evidenceRef: null,
      }));
      return;
    case 'RectificationItemCompleted':
      row.rectificationItems = row.rectificationItems.map((i) =>
        i.itemId === event.data.itemId
          ? { ...i, completedAt: at, evidenceRef: event.data.evidenceRef }
          : i,
      );
      return;
    case 'RectificationVerified':
      row.rectificationVerifiedAt = at;
      row.rectificationVerifiedBy = event.data.officerId;
      return;
    case 'FollowUpVisitOverdue':
      row.followUpOverdue = true;
      return;
    case 'InjuryCaseClosed':
      row.closedAt = at;
      row.closureReason = event.data.reason ?? null;
      return;
    case 'RecurrenceFlagged': {
      const { previousClaimIds, accidentType, daysBetween } = event.data;
      const known = new Set(row.recurrences.map((r) => r.previousClaimId));
      const added = previousClaimIds
        .map((previousClaimId, i) => ({
          previousClaimId,
          accidentType,
          daysBetween: daysBetween[i] ?? event.data.daysSinceLatest,
        }))
        .filter((r) => !known.has(r.previousClaimId));
      if (added.length > 0) row.recurrences = [...row.recurrences, ...added];
      return;
    }
    case 'RecurrenceFlagRetracted': {
      const gone = new Set(event.data.previousClaimIds);
      row.recurrences = row.recurrences.filter(
        (r) => !gone.has(r.previousClaimId),
      );
      return;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** The row as an erased worker's: personal fields empty, and said so. */
function clearPersonalData(row: InjuryCaseViewEntity): void {
  for (const field of PERSONAL_DECLARATION_FIELDS)
    Object.assign(row, { [field]: null });
  row.personalDataErased = true;
}

function withWeek(weeks: string[] | null | undefined, week: string): string[] {
  const list = weeks ?? [];
  return list.includes(week) ? list : [...list, week];
}

/** The case's status from its row, by the aggregate's rule. */
export function statusOf(row: InjuryCaseViewEntity): InjuryCaseStatus {
  return injuryCaseStatus({
    closed: Boolean(row.closedAt),
    withdrawn: Boolean(row.withdrawn),
    rectificationOrdered: Boolean(row.rectificationOrderedAt),
    rectificationVerified: Boolean(row.rectificationVerifiedAt),
    visited: Boolean(row.visitCompletedAt),
    followUpScheduled: Boolean(row.followUpDueBy),
    followUpOverdue: Boolean(row.followUpOverdue),
  });
}
