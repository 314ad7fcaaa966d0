import {
  endOfShanghaiDate,
  isoWeekDates,
  shanghaiDate,
  startOfShanghaiDate,
} from '@app/shared-kernel';
import {
  accidentTypeLabel,
  type County,
  type DeclarationHistory,
} from './county.js';
import type { FactLine, FigureFacts } from './reporting-fact.js';

export const WEEKLY_COUNTS = [
  'received',
  'corrected',
  'withdrawn',
  'quarantined',
  'followUpsDue',
  'followUpsOverdue',
  'recurrenceFlags',
  'missing',
] as const;
export type WeeklyCount = (typeof WEEKLY_COUNTS)[number];

export interface WeeklyInjurySummary {
  week: string;
  from: string;
  to: string;
  received: number;
  corrected: number;
  withdrawn: number;
  quarantined: number;
  /** Declarations received this week and not withdrawn, by their current content. */
  byZone: Record<string, number>;
  byAccidentType: Record<string, number>;
  bySeverity: Record<string, number>;
  byInjuryNature: Record<string, number>;
  /** Follow-up visits due during the week. */
  followUpsDue: number;
  /** Follow-up visits whose dueBy passed by the week's end without a visit on time. */
  followUpsOverdue: number;
  /** Recurrence flags raised during the week and not retracted. */
  recurrenceFlags: number;
  reconciliation: {
    expectedCount: number | null;
    /** Distinct claimIds whose declarations of this feed week were received, corrected or withdrawn. */
    received: number;
    /** expectedCount − received; null without a manifest. */
    difference: number | null;
    missingClaimIds: string[];
    unexpectedClaimIds: string[];
    quarantinedClaimIds: string[];
  };
}

const tally = (keys: string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const k of keys.sort()) out[k] = (out[k] ?? 0) + 1;
  return out;
};

/** The facts behind one weekly count (Σ counts = the count). */
export function weeklyFacts(
  county: County,
  week: string,
  count: WeeklyCount,
): FigureFacts {
  const dates = isoWeekDates(week);
  if (!dates) throw new Error(`not an ISO week: ${week}`);
  const [from, to] = [
    startOfShanghaiDate(dates.monday),
    endOfShanghaiDate(dates.sunday),
  ];
  const lines: FactLine[] = [];
  const line = (
    d: DeclarationHistory,
    eventIds: string[],
    fields: Record<string, unknown> = {},
  ): FactLine => ({
    key: d.claimId,
    streams: [d.streamName],
    eventIds,
    counts: 1,
    fields: {
      claimId: d.claimId,
      uscc: d.content.uscc,
      feedWeek: d.receivedFeedWeek,
      ...fields,
    },
  });
  const declarations = [...county.declarations.values()];
  switch (count) {
    case 'received':
    case 'corrected':
    case 'withdrawn': {
      const type = {
        received: 'InjuryDeclarationReceived',
        corrected: 'InjuryDeclarationCorrected',
        withdrawn: 'InjuryDeclarationWithdrawn',
      }[count];
      for (const d of declarations) {
        const events = d.declarationEvents.filter(
          (e) => e.type === type && e.feedWeek === week,
        );
        if (events.length > 0)
          lines.push(
            line(
              d,
              events.map((e) => e.eventId),
            ),
          );
      }
      break;
    }
    case 'quarantined':
      for (const [quarantineId, q] of county.feedWeeks.get(week)?.quarantined ??
        []) {
        lines.push({
          key: quarantineId,
          streams: [q.streamName],
          eventIds: [q.eventId],
          counts: 1,
          fields: { claimId: q.claimId },
        });
      }
      break;
    case 'followUpsDue':
      for (const d of declarations) {
        if (
          !d.withdrawn &&
          d.followUp &&
          d.followUp.dueBy >= dates.monday &&
          d.followUp.dueBy <= dates.sunday
        ) {
          lines.push(
            line(d, [d.followUp.eventId], { dueBy: d.followUp.dueBy }),
          );
        }
      }
      break;
    case 'followUpsOverdue':
      for (const d of declarations) {
        if (d.withdrawn || !d.followUp || d.followUp.dueBy >= dates.sunday)
          continue;
        const visitedOnTime =
          d.visitCompleted &&
          shanghaiDate(d.visitCompleted.at) <= d.followUp.dueBy;
        const visitedByWeekEnd = d.visitCompleted && d.visitCompleted.at <= to;
        if (!visitedOnTime && !visitedByWeekEnd)
          lines.push(
            line(d, [d.followUp.eventId], { dueBy: d.followUp.dueBy }),
          );
      }
      break;
    case 'recurrenceFlags':
      for (const d of declarations) {
        for (const f of d.flags) {
          if (!f.retractedBy && f.at >= from && f.at <= to)
            lines.push({
              ...line(d, [f.eventId], { repeats: f.open }),
              key: `${d.claimId}:${f.eventId}`,
            });
        }
      }
      break;
    case 'missing': {
      const { missingClaimIds } = reconcile(county, week);
      for (const claimId of missingClaimIds) {
        const manifest = county.feedWeeks.get(week)!.manifest!;
        lines.push({
          key: claimId,
          streams: [manifest.streamName],
          eventIds: [manifest.eventId],
          counts: 1,
          fields: { claimId },
        });
      }
      break;
    }
    default: {
      const _exhaustive: never = count;
      throw new Error(`unknown count ${String(_exhaustive)}`);
    }
  }
  lines.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { value: lines.length, contributing: lines, excluded: [] };
}

function reconcile(
  county: County,
  week: string,
): WeeklyInjurySummary['reconciliation'] {
  const manifest = county.feedWeeks.get(week)?.manifest;
  const received = new Set(
    [...county.declarations.values()]
      .filter((d) => d.declarationEvents.some((e) => e.feedWeek === week))
      .map((d) => d.claimId),
  );
  const listed = manifest?.claimIds ? new Set(manifest.claimIds) : undefined;
  const missing = listed
    ? [...listed].filter((id) => !received.has(id)).sort()
    : [];
  const quarantined = new Set(
    [...(county.feedWeeks.get(week)?.quarantined.values() ?? [])].map(
      (q) => q.claimId,
    ),
  );
  return {
    expectedCount: manifest ? manifest.expectedCount : null,
    received: received.size,
    difference: manifest ? manifest.expectedCount - received.size : null,
    missingClaimIds: missing,
    unexpectedClaimIds: listed
      ? [...received].filter((id) => !listed.has(id)).sort()
      : [],
    quarantinedClaimIds: missing.filter((id) => quarantined.has(id)),
  };
}

export function weeklyInjurySummary(
  county: County,
  week: string,
): WeeklyInjurySummary {
  const dates = isoWeekDates(week);
  if (!dates) throw new Error(`not an ISO week: ${week}`);
  const n = (count: WeeklyCount) => weeklyFacts(county, week, count).value;
  const receivedThisWeek = [...county.declarations.values()].filter(
    (d) => d.receivedFeedWeek === week && !d.withdrawn,
  );
  return {
    week,
    from: dates.monday,
    to: dates.sunday,
    received: n('received'),
    corrected: n('corrected'),
    withdrawn: n('withdrawn'),
    quarantined: n('quarantined'),
    byZone: tally(receivedThisWeek.map((d) => county.declarationZone(d))),
    byAccidentType: tally(
      receivedThisWeek.map((d) => accidentTypeLabel(d.content.accidentType)),
    ),
    bySeverity: tally(receivedThisWeek.map((d) => d.content.severity)),
    byInjuryNature: tally(receivedThisWeek.map((d) => d.content.injuryNature)),
    followUpsDue: n('followUpsDue'),
    followUpsOverdue: n('followUpsOverdue'),
    recurrenceFlags: n('recurrenceFlags'),
    reconciliation: reconcile(county, week),
  };
}
