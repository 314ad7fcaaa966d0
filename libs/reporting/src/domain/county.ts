import type {
  AccidentTypeKey,
  DeclarationFields,
  ReportingFact,
} from './reporting-fact.js';

/** The zone of declarations whose employer is not registered (same id as reference data's). */
export const UNASSIGNED = 'unassigned';

/** A value that changes in effective time; `at` is the effective instant in ms. */
export interface Step<T> {
  at: number;
  position: number;
  eventId: string;
  value: T;
}

export interface EnterpriseHistory {
  uscc: string;
  streamName: string;
  registeredAt: number;
  registrationEventId: string;
  zone: Step<string>[];
  aboveDesignatedSize: Step<boolean>[];
  headcount: Step<number>[];
  enrolled?: { at: number; eventId: string };
  components: Map<string, { at: number; eventId: string }>;
  lists: Step<{ postsTotal: number; postsCovered: number }>[];
  trainings: {
    at: number;
    eventId: string;
    audience: string;
    attendees: number;
  }[];
  visits: { at: number; eventId: string }[];
  model: Step<boolean>[];
}

/** One event in a declaration's history; the weekly figures count them by feed week. */
export interface DeclarationEvent {
  type: string;
  eventId: string;
  feedWeek: string;
  position: number;
}

/** A correction's or withdrawal's entry in the history: only these four fields of the fact are kept. */
function declarationEvent(fact: DeclarationEvent): DeclarationEvent {
  const { type, eventId, feedWeek, position } = fact;
  return { type, eventId, feedWeek, position };
}

export interface DeclarationHistory {
  claimId: string;
  streamName: string;
  content: DeclarationFields;
  withdrawn: boolean;
  /** Received, corrected and withdrawn events, in order. */
  declarationEvents: DeclarationEvent[];
  receivedFeedWeek: string;
  followUp?: { dueBy: string; eventId: string };
  visitCompleted?: { at: number; eventId: string };
  rectificationOrdered?: { at: number; eventId: string };
  rectificationVerified?: { at: number; eventId: string };
  flags: {
    at: number;
    eventId: string;
    previousClaimIds: string[];
    open: string[];
    retractedBy?: string;
  }[];
}

export interface AccidentHistory {
  accidentId: string;
  streamName: string;
  uscc: string | null;
  reportedZoneId: string;
  occurredAt: string;
  deaths: number;
  seriousInjuries: number;
  minorInjuries: number;
  eventIds: string[];
}

export interface FeedWeekHistory {
  manifest?: {
    expectedCount: number;
    claimIds: string[] | null;
    eventId: string;
    streamName: string;
  };
  quarantined: Map<
    string,
    { claimId: string | null; eventId: string; streamName: string }
  >;
}

/** Value at instant t: the latest step effective at or before t (ties in log order). */
export function valueAt<T>(
  steps: readonly Step<T>[],
  t: number,
): Step<T> | undefined {
  let found: Step<T> | undefined;
  for (const step of steps) {
    if (
      step.at <= t &&
      (!found ||
        step.at > found.at ||
        (step.at === found.at && step.position > found.position))
    )
      found = step;
  }
  return found;
}

/**
 * The county as the log tells it up to a recorded instant: every enterprise, declaration, accident
 * and feed week with its effective-time history. Built by folding reporting facts in log order,
 * keeping only those recorded up to `asRecordedAt` (all of them when absent). Pure.
 */
export class County {
  readonly enterprises = new Map<string, EnterpriseHistory>();
  readonly declarations = new Map<string, DeclarationHistory>();
  readonly accidents = new Map<string, AccidentHistory>();
  readonly feedWeeks = new Map<string, FeedWeekHistory>();
  /** Derived lookups (who is in which zone at an instant), valid until the next fact arrives. */
  private readonly memos = new Map<string, unknown>();
  /** How many facts this county has taken in: anything computed from it holds while this stays the same. */
  version = 0;

  /** Computes a derived value once per state of the county. */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  static of(facts: Iterable<ReportingFact>, asRecordedAt?: string): County {
    const county = new County();
    const horizon =
      asRecordedAt === undefined ? Infinity : Date.parse(asRecordedAt);
    const ordered = [...facts].sort((a, b) => a.position - b.position);
    for (const fact of ordered) {
      if (Date.parse(fact.recordedAt) <= horizon) county.add(fact);
    }
    return county;
  }

  /**
   * Zone an enterprise's fact is attributed to at instant t: the zone it was in then. Before its
   * registration took effect, the zone it registered into (the registration describes an enterprise
   * that already existed); `unassigned` while it is not registered at all (docs/decisions/0120).
   */
  zoneAt(uscc: string, t: number): string {
    const enterprise = this.enterprises.get(uscc);
    if (!enterprise) return UNASSIGNED;
    return (valueAt(enterprise.zone, t) ?? enterprise.zone[0]).value;
  }

  /** Whether the enterprise was above designated size at t (same backward rule as the zone); undefined when unregistered. */
  aboveDesignatedSizeAt(uscc: string, t: number): Step<boolean> | undefined {
    const enterprise = this.enterprises.get(uscc);
    if (!enterprise) return undefined;
    return (
      valueAt(enterprise.aboveDesignatedSize, t) ??
      enterprise.aboveDesignatedSize[0]
    );
  }

  /** Headcount at t: the latest reported figure effective by then, else the registration's. */
  headcountAt(uscc: string, t: number): number {
    const enterprise = this.enterprises.get(uscc);
    if (!enterprise) return 0;
    return (valueAt(enterprise.headcount, t) ?? enterprise.headcount[0]).value;
  }

  /** Zone of an accident: its enterprise's zone when it happened, else the zone the officer reported. */
  accidentZone(accident: AccidentHistory): string {
    if (accident.uscc && this.enterprises.has(accident.uscc))
      return this.zoneAt(accident.uscc, Date.parse(accident.occurredAt));
    return accident.reportedZoneId;
  }

  declarationZone(declaration: DeclarationHistory): string {
    return this.zoneAt(
      declaration.content.uscc,
      Date.parse(declaration.content.injuredAt),
    );
  }

  /** Applies the next fact of the log (facts must come in log order). */
  add(fact: ReportingFact): void {
    this.memos.clear();
    this.version++;
    const at = Date.parse(fact.effectiveAt);
    const step = <T>(value: T): Step<T> => ({
      at,
      position: fact.position,
      eventId: fact.eventId,
      value,
    });
    switch (fact.type) {
      case 'EnterpriseRegistered': {
        this.enterprises.set(fact.uscc, {
          uscc: fact.uscc,
          streamName: fact.streamName,
          registeredAt: at,
          registrationEventId: fact.eventId,
          zone: [step(fact.zoneId)],
          aboveDesignatedSize: [step(fact.aboveDesignatedSize)],
          headcount: [step(fact.headcount)],
          components: new Map(),
          lists: [],
          trainings: [],
          visits: [],
          model: [],
        });
        return;
      }
      case 'EnterpriseProfileUpdated': {
        const e = this.enterprises.get(fact.uscc);
        if (!e) return;
        if (fact.aboveDesignatedSize !== undefined)
          e.aboveDesignatedSize.push(step(fact.aboveDesignatedSize));
        if (fact.headcount !== undefined)
          e.headcount.push(step(fact.headcount));
        return;
      }
      case 'EnterpriseZoneReassigned':
        this.enterprises.get(fact.uscc)?.zone.push(step(fact.toZoneId));
        return;
      case 'HeadcountReported':
        this.enterprises.get(fact.uscc)?.headcount.push(step(fact.headcount));
        return;
      case 'ResponsibilityProgramEnrolled': {
        const e = this.enterprises.get(fact.uscc);
        if (e && !e.enrolled) e.enrolled = { at, eventId: fact.eventId };
        return;
      }
      case 'GuidanceVisitRecorded':
        this.enterprises
          .get(fact.uscc)
          ?.visits.push({ at, eventId: fact.eventId });
        return;
      case 'PostResponsibilityListsPublished':
        this.enterprises.get(fact.uscc)?.lists.push(
          step({
            postsTotal: fact.postsTotal,
            postsCovered: fact.postsCovered,
          }),
        );
        return;
      case 'ResponsibilitySystemComponentEstablished': {
        const e = this.enterprises.get(fact.uscc);
        if (e && !e.components.has(fact.component))
          e.components.set(fact.component, { at, eventId: fact.eventId });
        return;
      }
      case 'TrainingSessionRecorded':
        this.enterprises.get(fact.uscc)?.trainings.push({
          at,
          eventId: fact.eventId,
          audience: fact.audience,
          attendees: fact.attendees,
        });
        return;
      case 'ModelEnterpriseDesignated':
        this.enterprises.get(fact.uscc)?.model.push(step(true));
        return;
      case 'ModelEnterpriseDesignationRevoked':
        this.enterprises.get(fact.uscc)?.model.push(step(false));
        return;
      case 'AccidentReported':
        this.accidents.set(fact.accidentId, {
          accidentId: fact.accidentId,
          streamName: fact.streamName,
          uscc: fact.uscc,
          reportedZoneId: fact.zoneId,
          occurredAt: fact.occurredAt,
          deaths: fact.deaths,
          seriousInjuries: fact.seriousInjuries,
          minorInjuries: fact.minorInjuries,
          eventIds: [fact.eventId],
        });
        return;
      case 'AccidentCasualtiesRevised': {
        const a = this.accidents.get(fact.accidentId);
        if (!a) return;
        Object.assign(a, {
          deaths: fact.deaths,
          seriousInjuries: fact.seriousInjuries,
          minorInjuries: fact.minorInjuries,
        });
        a.eventIds.push(fact.eventId);
        return;
      }
      case 'InjuryDeclarationReceived': {
        const {
          claimId,
          feedWeek,
          type: _t,
          position,
          eventId,
          streamName,
          recordedAt: _r,
          effectiveAt: _e,
          ...content
        } = fact;
        this.declarations.set(claimId, {
          claimId,
          streamName,
          content,
          withdrawn: content.determination === 'not-recognised',
          declarationEvents: [{ type: fact.type, eventId, feedWeek, position }],
          receivedFeedWeek: feedWeek,
          flags: [],
        });
        return;
      }
      case 'InjuryDeclarationCorrected': {
        const d = this.declarations.get(fact.claimId);
        if (!d) return;
        d.content = { ...d.content, ...fact.changes };
        // Re-determined as a work injury (e.g. after an appeal) — the aggregate's rule.
        if (fact.changes.determination !== undefined)
          d.withdrawn = fact.changes.determination === 'not-recognised';
        d.declarationEvents.push(declarationEvent(fact));
        return;
      }
      case 'InjuryDeclarationWithdrawn': {
        const d = this.declarations.get(fact.claimId);
        if (!d) return;
        d.withdrawn = true;
        d.content = { ...d.content, determination: 'not-recognised' };
        d.declarationEvents.push(declarationEvent(fact));
        return;
      }
      case 'FollowUpVisitScheduled': {
        const d = this.declarations.get(fact.claimId);
        if (d) d.followUp = { dueBy: fact.dueBy, eventId: fact.eventId };
        return;
      }
      case 'FollowUpVisitCompleted': {
        const d = this.declarations.get(fact.claimId);
        if (d && !d.visitCompleted)
          d.visitCompleted = { at, eventId: fact.eventId };
        return;
      }
      case 'RectificationOrdered': {
        const d = this.declarations.get(fact.claimId);
        if (d && !d.rectificationOrdered)
          d.rectificationOrdered = { at, eventId: fact.eventId };
        return;
      }
      case 'RectificationVerified': {
        const d = this.declarations.get(fact.claimId);
        if (d && !d.rectificationVerified)
          d.rectificationVerified = { at, eventId: fact.eventId };
        return;
      }
      case 'RecurrenceFlagged':
        this.declarations.get(fact.claimId)?.flags.push({
          at,
          eventId: fact.eventId,
          previousClaimIds: fact.previousClaimIds,
          open: [...fact.previousClaimIds],
        });
        return;
      case 'RecurrenceFlagRetracted': {
        // A retraction names the earlier cases it no longer repeats (none named: all of them).
        for (const flag of this.declarations.get(fact.claimId)?.flags ?? []) {
          if (flag.retractedBy) continue;
          flag.open =
            fact.previousClaimIds.length === 0
              ? []
              : flag.open.filter((id) => !fact.previousClaimIds.includes(id));
          if (flag.open.length === 0) flag.retractedBy = fact.eventId;
        }
        return;
      }
      case 'FeedRecordQuarantined':
        this.feedWeek(fact.feedWeek).quarantined.set(fact.quarantineId, {
          claimId: fact.claimId,
          eventId: fact.eventId,
          streamName: fact.streamName,
        });
        return;
      case 'FeedManifestReceived':
        this.feedWeek(fact.feedWeek).manifest = {
          expectedCount: fact.expectedCount,
          claimIds: fact.claimIds,
          eventId: fact.eventId,
          streamName: fact.streamName,
        };
        return;
      default: {
        const _exhaustive: never = fact;
        throw new Error(
          `Unknown reporting fact ${(_exhaustive as { type: string }).type}`,
        );
      }
    }
  }

  private feedWeek(week: string): FeedWeekHistory {
    let history = this.feedWeeks.get(week);
    if (!history)
      this.feedWeeks.set(week, (history = { quarantined: new Map() }));
    return history;
  }
}

export const accidentTypeLabel = (type: AccidentTypeKey | null): string =>
  type ? `${type.standard}:${type.code}` : 'unclassified';
