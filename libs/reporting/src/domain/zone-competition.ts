import {
  endOfShanghaiDate,
  firstDayOfMonth,
  lastDayOfMonth,
  plusMonths,
  shanghaiDate,
  startOfShanghaiDate,
} from '@app/shared-kernel';
// The weights (docs/metrics.md §2) are reference data's; they sum to 100.
import type { CompetitionWeights } from '@app/reference-data';
import {
  type County,
  type DeclarationHistory,
  type EnterpriseHistory,
  UNASSIGNED,
  valueAt,
} from './county.js';
import { natureExclusion } from './accident-reduction.js';
import type { ExcludedLine, FactLine, FigureFacts } from './reporting-fact.js';

export interface CompetitionOptions {
  zones: readonly { id: string; name: string }[];
  /** Configured responsibility-system components (四制一规程). */
  components: readonly string[];
  weights: CompetitionWeights;
  productionSafetyNatures: readonly string[];
}

export const COMPETITION_INDICATORS = [
  'enterprises',
  'enrolledRate',
  'systemEstablishedRate',
  'listCoverage',
  'modelEnterprises',
  'trainingCoverage',
  'guidanceVisits',
  'injuryDeclarations',
  'injuryRatePer1000',
  'followUpOnTimeRate',
  'rectificationClosureRate',
  'recurrences',
] as const;
export type CompetitionIndicator = (typeof COMPETITION_INDICATORS)[number];

export interface ZoneCompetitionRow {
  zoneId: string;
  zoneName: string;
  enterprises: number;
  enrolledRate: number | null;
  systemEstablishedRate: number | null;
  listCoverage: number | null;
  modelEnterprises: number;
  trainingCoverage: number | null;
  guidanceVisits: number;
  injuryDeclarations: number;
  injuryRatePer1000: number | null;
  followUpOnTimeRate: number | null;
  rectificationClosureRate: number | null;
  recurrences: number;
  /** Null for `unassigned`, which does not compete. */
  score: number | null;
  rank: number | null;
  /** Previous month's rank − this month's (positive = moved up); null when either is unknown. */
  rankChange: number | null;
}

export interface ZoneCompetition {
  month: string;
  weights: CompetitionWeights;
  zones: ZoneCompetitionRow[];
}

/** An indicator's value and the facts behind it: Σ numerator / Σ denominator over the lines. */
export interface IndicatorFacts extends FigureFacts {
  /** Σ of the lines' `counts`: the count, or the numerator of a rate. */
  numerator: number;
  /** Denominator of a rate (Σ of the lines' `fields.denominator`); null for counts. */
  denominator: number | null;
  rate: number | null;
}

interface Window {
  month: string;
  monthStart: number;
  monthEnd: number;
  /** Start of the 12 months ending with the month. */
  yearStart: number;
}

function windowOf(month: string): Window {
  return {
    month,
    monthStart: startOfShanghaiDate(firstDayOfMonth(month)),
    monthEnd: endOfShanghaiDate(lastDayOfMonth(month)),
    yearStart: startOfShanghaiDate(firstDayOfMonth(plusMonths(month, -11))),
  };
}

const within = (t: number, from: number, to: number) => t >= from && t <= to;
const rate = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

/** The facts behind one indicator of one zone and month. */
export function indicatorFacts(
  county: County,
  month: string,
  zoneId: string,
  indicator: CompetitionIndicator,
  options: CompetitionOptions,
): IndicatorFacts {
  return computeIndicator(county, month, zoneId, indicator, options, true);
}

/** `ordered`: lines sorted by key for the facts endpoint; the report itself only needs the sums. */
function computeIndicator(
  county: County,
  month: string,
  zoneId: string,
  indicator: CompetitionIndicator,
  options: CompetitionOptions,
  ordered: boolean,
): IndicatorFacts {
  const result = (
    lines: (FactLine & { denominator: number })[],
    isRate: boolean,
    excluded: ExcludedLine[] = [],
  ) => tally(lines, isRate, excluded, ordered);
  const w = windowOf(month);
  const lines: (FactLine & { denominator: number })[] = [];
  const enterprisesInZone =
    enterprisesByZoneAt(county, w.monthEnd).get(zoneId) ?? [];
  const enterpriseLine = (
    e: EnterpriseHistory,
    counts: number,
    denominator: number,
    eventIds: string[],
    fields: Record<string, unknown>,
  ) =>
    lines.push({
      key: e.uscc,
      streams: [e.streamName],
      eventIds: [e.registrationEventId, ...eventIds],
      counts,
      denominator,
      fields: { ...fields, denominator },
    });
  const declarationsInZone = (
    from: number,
    to: number,
    at: (d: DeclarationHistory) => number | undefined,
  ) =>
    (standingDeclarationsByZone(county).get(zoneId) ?? []).filter((d) => {
      const t = at(d);
      return t !== undefined && within(t, from, to);
    });
  /** The zone's declarations injured in the window that do not count, with the reason. */
  const leftOut = (from: number, to: number): ExcludedLine[] =>
    (
      county
        .memo('declarations-by-zone', () =>
          groupBy(county.declarations.values(), (d) =>
            county.declarationZone(d),
          ),
        )
        .get(zoneId) ?? []
    ).flatMap((d) => {
      if (!within(Date.parse(d.content.injuredAt), from, to)) return [];
      const reason = d.withdrawn
        ? 'withdrawn'
        : natureExclusion(
            d.content.injuryNature,
            options.productionSafetyNatures,
          );
      if (!reason) return [];
      const { denominator: _d, ...line } = declarationLine(d, 0, 0);
      return [{ ...line, reason }];
    });
  const headcounts = () =>
    enterprisesInZone.reduce(
      (sum, e) => sum + county.headcountAt(e.uscc, w.monthEnd),
      0,
    );
  const productionSafety = (d: DeclarationHistory) =>
    options.productionSafetyNatures.includes(d.content.injuryNature);

  switch (indicator) {
    case 'enterprises':
      for (const e of enterprisesInZone)
        enterpriseLine(e, 1, 0, [], { zoneId });
      return result(lines, false);
    case 'enrolledRate':
      for (const e of enterprisesInZone) {
        const enrolled =
          e.enrolled && e.enrolled.at <= w.monthEnd ? e.enrolled : undefined;
        enterpriseLine(
          e,
          enrolled ? 1 : 0,
          1,
          enrolled ? [enrolled.eventId] : [],
          { enrolled: !!enrolled },
        );
      }
      return result(lines, true);
    case 'systemEstablishedRate':
      for (const e of enterprisesInZone) {
        const established = options.components
          .map((c) => e.components.get(c))
          .filter((c) => c !== undefined && c.at <= w.monthEnd);
        const all = established.length === options.components.length;
        enterpriseLine(
          e,
          all ? 1 : 0,
          1,
          established.map((c) => c!.eventId),
          {
            componentsEstablished: established.length,
            componentsConfigured: options.components.length,
          },
        );
      }
      return result(lines, true);
    case 'listCoverage':
      for (const e of enterprisesInZone) {
        if (!e.enrolled || e.enrolled.at > w.monthEnd) continue;
        const latest = valueAt(e.lists, w.monthEnd);
        if (!latest) continue;
        enterpriseLine(
          e,
          latest.value.postsCovered,
          latest.value.postsTotal,
          [latest.eventId],
          { ...latest.value },
        );
      }
      return result(lines, true);
    case 'modelEnterprises':
      for (const e of enterprisesInZone) {
        const model = valueAt(e.model, w.monthEnd);
        if (model?.value)
          enterpriseLine(e, 1, 0, [model.eventId], { model: true });
      }
      return result(lines, false);
    case 'trainingCoverage': {
      // Attendees count for the zone the enterprise was in when it trained; headcount at month end.
      let attendees = 0;
      for (const e of county.enterprises.values()) {
        const sessions = e.trainings.filter(
          (t) =>
            t.audience === 'employee' &&
            within(t.at, w.yearStart, w.monthEnd) &&
            county.zoneAt(e.uscc, t.at) === zoneId,
        );
        const inZone =
          county.zoneAt(e.uscc, w.monthEnd) === zoneId &&
          e.registeredAt <= w.monthEnd;
        const headcount = inZone ? county.headcountAt(e.uscc, w.monthEnd) : 0;
        const sum = sessions.reduce((s, t) => s + t.attendees, 0);
        attendees += sum;
        if (sessions.length > 0 || inZone)
          enterpriseLine(
            e,
            sum,
            headcount,
            sessions.map((t) => t.eventId),
            { employeeAttendees: sum, headcount },
          );
      }
      const denominator = headcounts();
      const facts = result(lines, true);
      return {
        ...facts,
        rate: denominator === 0 ? null : Math.min(1, attendees / denominator),
      };
    }
    case 'guidanceVisits':
      for (const e of county.enterprises.values()) {
        const visits = e.visits.filter(
          (v) =>
            within(v.at, w.monthStart, w.monthEnd) &&
            county.zoneAt(e.uscc, v.at) === zoneId,
        );
        if (visits.length > 0)
          enterpriseLine(
            e,
            visits.length,
            0,
            visits.map((v) => v.eventId),
            { visits: visits.length },
          );
      }
      return result(lines, false);
    case 'injuryDeclarations':
      for (const d of declarationsInZone(w.monthStart, w.monthEnd, (d) =>
        Date.parse(d.content.injuredAt),
      ).filter(productionSafety)) {
        lines.push(declarationLine(d, 1, 0));
      }
      return result(lines, false, leftOut(w.monthStart, w.monthEnd));
    case 'injuryRatePer1000': {
      for (const d of declarationsInZone(w.yearStart, w.monthEnd, (d) =>
        Date.parse(d.content.injuredAt),
      ).filter(productionSafety)) {
        lines.push(declarationLine(d, 1, 0));
      }
      const denominator = headcounts();
      const facts = result(lines, false, leftOut(w.yearStart, w.monthEnd));
      return {
        ...facts,
        denominator,
        rate: denominator === 0 ? null : (facts.numerator / denominator) * 1000,
      };
    }
    case 'followUpOnTimeRate':
      for (const d of declarationsInZone(w.monthStart, w.monthEnd, (d) =>
        d.followUp ? startOfShanghaiDate(d.followUp.dueBy) : undefined,
      )) {
        const onTime =
          !!d.visitCompleted &&
          shanghaiDate(d.visitCompleted.at) <= d.followUp!.dueBy;
        lines.push({
          ...declarationLine(d, onTime ? 1 : 0, 1),
          eventIds: [
            d.followUp!.eventId,
            ...(d.visitCompleted ? [d.visitCompleted.eventId] : []),
          ],
          fields: {
            dueBy: d.followUp!.dueBy,
            completedOn: d.visitCompleted
              ? shanghaiDate(d.visitCompleted.at)
              : null,
            onTime,
            denominator: 1,
          },
        });
      }
      return result(lines, true);
    case 'rectificationClosureRate':
      for (const d of declarationsInZone(
        -Infinity,
        w.monthEnd,
        (d) => d.rectificationOrdered?.at,
      )) {
        const verified =
          d.rectificationVerified && d.rectificationVerified.at <= w.monthEnd
            ? d.rectificationVerified
            : undefined;
        lines.push({
          ...declarationLine(d, verified ? 1 : 0, 1),
          eventIds: [
            d.rectificationOrdered!.eventId,
            ...(verified ? [verified.eventId] : []),
          ],
          fields: {
            orderedOn: shanghaiDate(d.rectificationOrdered!.at),
            verifiedOn: verified ? shanghaiDate(verified.at) : null,
            denominator: 1,
          },
        });
      }
      return result(lines, true);
    case 'recurrences':
      for (const d of declarationsInZone(
        w.yearStart,
        w.monthEnd,
        (d) => d.flags.find((f) => !f.retractedBy)?.at,
      )) {
        const flag = d.flags.find((f) => !f.retractedBy)!;
        lines.push({
          ...declarationLine(d, 1, 0),
          eventIds: [flag.eventId],
          fields: { flaggedOn: shanghaiDate(flag.at), repeats: flag.open },
        });
      }
      return result(lines, false);
    default: {
      const _exhaustive: never = indicator;
      throw new Error(`unknown indicator ${String(_exhaustive)}`);
    }
  }
}

/** Enterprises registered by t, by the zone they are in at t. */
function enterprisesByZoneAt(
  county: County,
  t: number,
): Map<string, EnterpriseHistory[]> {
  return county.memo(`enterprises-by-zone:${t}`, () => {
    const registered = [...county.enterprises.values()].filter(
      (e) => e.registeredAt <= t,
    );
    return groupBy(registered, (e) => county.zoneAt(e.uscc, t));
  });
}

/** Declarations not withdrawn, by the zone they are attributed to (docs/decisions/0120). */
function standingDeclarationsByZone(
  county: County,
): Map<string, DeclarationHistory[]> {
  return county.memo('standing-declarations-by-zone', () => {
    const standing = [...county.declarations.values()].filter(
      (d) => !d.withdrawn,
    );
    return groupBy(standing, (d) => county.declarationZone(d));
  });
}

function declarationLine(
  d: DeclarationHistory,
  counts: number,
  denominator: number,
): FactLine & { denominator: number } {
  return {
    key: d.claimId,
    streams: [d.streamName],
    eventIds: d.declarationEvents.map((e) => e.eventId),
    counts,
    denominator,
    fields: {
      claimId: d.claimId,
      uscc: d.content.uscc,
      injuredAt: d.content.injuredAt,
      injuryNature: d.content.injuryNature,
      denominator,
    },
  };
}

function groupBy<T>(
  items: Iterable<T>,
  keyOf: (item: T) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(item);
  }
  return groups;
}

function tally(
  lines: (FactLine & { denominator: number })[],
  isRate: boolean,
  excluded: ExcludedLine[],
  ordered: boolean,
): IndicatorFacts {
  const byKey = (a: FactLine, b: FactLine) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  const sorted = ordered
    ? lines.map(({ denominator: _d, ...line }) => line).sort(byKey)
    : lines;
  const numerator = lines.reduce((s, l) => s + l.counts, 0);
  const denominator = isRate
    ? lines.reduce((s, l) => s + l.denominator, 0)
    : null;
  if (ordered) excluded.sort(byKey);
  return {
    value: numerator,
    numerator,
    denominator,
    rate: denominator === null ? null : rate(numerator, denominator),
    contributing: sorted,
    excluded,
  };
}

type Indicators = Omit<
  ZoneCompetitionRow,
  'zoneId' | 'zoneName' | 'score' | 'rank' | 'rankChange'
>;

function indicatorsOf(
  county: County,
  month: string,
  zoneId: string,
  options: CompetitionOptions,
): Indicators {
  const f = (i: CompetitionIndicator) =>
    computeIndicator(county, month, zoneId, i, options, false);
  return {
    enterprises: f('enterprises').numerator,
    enrolledRate: f('enrolledRate').rate,
    systemEstablishedRate: f('systemEstablishedRate').rate,
    listCoverage: f('listCoverage').rate,
    modelEnterprises: f('modelEnterprises').numerator,
    trainingCoverage: f('trainingCoverage').rate,
    guidanceVisits: f('guidanceVisits').numerator,
    injuryDeclarations: f('injuryDeclarations').numerator,
    injuryRatePer1000: f('injuryRatePer1000').rate,
    followUpOnTimeRate: f('followUpOnTimeRate').rate,
    rectificationClosureRate: f('rectificationClosureRate').rate,
    recurrences: f('recurrences').numerator,
  };
}

/** Σ weight × normalised indicator; a null rate counts as 1; injury rate as 1 − rate ÷ highest zone rate. */
export function score(
  row: Indicators,
  highestInjuryRate: number,
  weights: CompetitionWeights,
): number {
  const asIs = (v: number | null) => (v === null ? 1 : v);
  const injury =
    row.injuryRatePer1000 === null || highestInjuryRate === 0
      ? 1
      : 1 - row.injuryRatePer1000 / highestInjuryRate;
  return (
    weights.enrolledRate * asIs(row.enrolledRate) +
    weights.systemEstablishedRate * asIs(row.systemEstablishedRate) +
    weights.listCoverage * asIs(row.listCoverage) +
    weights.trainingCoverage * asIs(row.trainingCoverage) +
    weights.followUpOnTimeRate * asIs(row.followUpOnTimeRate) +
    weights.rectificationClosureRate * asIs(row.rectificationClosureRate) +
    weights.injuryRate * injury
  );
}

/** 1 = best; equal scores share a rank (1, 2, 2, 4). */
export function ranks(scores: readonly number[]): number[] {
  const EPSILON = 1e-9;
  return scores.map(
    (s) => 1 + scores.filter((other) => other > s + EPSILON).length,
  );
}

function rankedRows(
  county: County,
  month: string,
  options: CompetitionOptions,
): ZoneCompetitionRow[] {
  const competing = options.zones.map((z) => ({
    zone: z,
    indicators: indicatorsOf(county, month, z.id, options),
  }));
  const highest = Math.max(
    0,
    ...competing.map((c) => c.indicators.injuryRatePer1000 ?? 0),
  );
  const scores = competing.map((c) =>
    score(c.indicators, highest, options.weights),
  );
  const rankOf = ranks(scores);
  const rows: ZoneCompetitionRow[] = competing.map((c, i) => ({
    zoneId: c.zone.id,
    zoneName: c.zone.name,
    ...c.indicators,
    score: scores[i],
    rank: rankOf[i],
    rankChange: null,
  }));
  const unassigned = indicatorsOf(county, month, UNASSIGNED, options);
  if (
    unassigned.injuryDeclarations > 0 ||
    unassigned.recurrences > 0 ||
    unassigned.followUpOnTimeRate !== null ||
    unassigned.rectificationClosureRate !== null
  ) {
    rows.push({
      zoneId: UNASSIGNED,
      zoneName: UNASSIGNED,
      ...unassigned,
      score: null,
      rank: null,
      rankChange: null,
    });
  }
  return rows;
}

export function zoneCompetition(
  county: County,
  month: string,
  options: CompetitionOptions,
): ZoneCompetition {
  const rows = rankedRows(county, month, options);
  const before = new Map(
    rankedRows(county, plusMonths(month, -1), options).map((r) => [
      r.zoneId,
      r.rank,
    ]),
  );
  for (const row of rows) {
    const previous = before.get(row.zoneId);
    row.rankChange =
      row.rank === null || previous === null || previous === undefined
        ? null
        : previous - row.rank;
  }
  return { month, weights: { ...options.weights }, zones: rows };
}
