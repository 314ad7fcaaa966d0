import { getReport } from './api';

/**
 * The report endpoints (docs/metrics in the repository: accident reduction, zone competition, weekly summary)
 * read into the shapes the views draw. Field names follow the HTTP API contract.
 */
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

/** Rates are ratios in [0, 1] shown as percentages; the others are counts or per-1000 figures. */
export const RATE_INDICATORS: ReadonlySet<string> = new Set([
  'enrolledRate',
  'systemEstablishedRate',
  'listCoverage',
  'trainingCoverage',
  'followUpOnTimeRate',
  'rectificationClosureRate',
]);

export interface CompetitionRow {
  zoneId: string;
  zoneName?: string;
  indicators: Record<CompetitionIndicator, number | null>;
  score: number;
  rank: number;
  rankChange: number | null;
}

export interface Competition {
  month: string;
  weights: Record<string, number>;
  rows: CompetitionRow[];
}

type Loose = Record<string, unknown>;

function asNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function readCompetition(body: Loose, month: string): Competition {
  const list = (body.zones ?? body.rows ?? body.items ?? []) as Loose[];
  const rows = list.map((row) => {
    const source = (row.indicators as Loose | undefined) ?? row;
    const indicators = Object.fromEntries(
      COMPETITION_INDICATORS.map((k) => [k, asNumber(source[k])]),
    ) as CompetitionRow['indicators'];
    return {
      zoneId: String(row.zoneId ?? row.zone ?? row.id),
      zoneName:
        typeof row.zoneName === 'string'
          ? row.zoneName
          : typeof row.name === 'string'
            ? row.name
            : undefined,
      indicators,
      score: asNumber(row.score) ?? 0,
      rank: asNumber(row.rank) ?? 0,
      rankChange: asNumber(row.rankChange),
    };
  });
  rows.sort((a, b) => a.rank - b.rank);
  return {
    month: String((body.month as string | undefined) ?? month),
    weights: (body.weights as Record<string, number>) ?? {},
    rows,
  };
}

export function fetchCompetition(month: string): Promise<Competition> {
  return getReport<Loose>('/zones/competition', { month }).then((body) =>
    readCompetition(body, month),
  );
}

export const REDUCTION_FIGURES = [
  'accidents',
  'deaths',
  'injured',
  'aboveScaleWorkInjuryAccidents',
  'aboveScaleEnterprisesInvolved',
  'aboveScaleMedicalTreatmentClaims',
] as const;
export type ReductionFigureName = (typeof REDUCTION_FIGURES)[number];

/** The precisions of the Xiangxiang January–August 2024 public report: −36.3%, −41.6%, −75%, −37.04%, −37.04%, −86.24%. */
export const PUBLIC_REPORT_PRECISION: Record<ReductionFigureName, number> = {
  accidents: 1,
  deaths: 1,
  injured: 0,
  aboveScaleWorkInjuryAccidents: 2,
  aboveScaleEnterprisesInvolved: 2,
  aboveScaleMedicalTreatmentClaims: 2,
};

export interface ReductionFigure {
  current: number;
  previous: number;
  change: number;
  changePercent: number | null;
}

export interface Reduction {
  figures: Record<ReductionFigureName, ReductionFigure>;
  previousFrom?: string;
  previousTo?: string;
}

export function readReduction(body: Loose): Reduction {
  const source = (body.figures as Loose | undefined) ?? body;
  const figures = Object.fromEntries(
    REDUCTION_FIGURES.map((name) => {
      const f = (source[name] ?? {}) as Loose;
      const current = asNumber(f.current) ?? 0;
      const previous = asNumber(f.previous) ?? 0;
      return [
        name,
        {
          current,
          previous,
          change: asNumber(f.change) ?? current - previous,
          changePercent: asNumber(f.changePercent),
        },
      ];
    }),
  ) as Reduction['figures'];
  const previous = (body.previousPeriod ?? body.previous) as Loose | undefined;
  return {
    figures,
    previousFrom: (previous?.from ?? body.previousFrom) as string | undefined,
    previousTo: (previous?.to ?? body.previousTo) as string | undefined,
  };
}

export function fetchReduction(
  from: string,
  to: string,
  zoneId?: string,
): Promise<Reduction> {
  return getReport<Loose>('/metrics/accident-reduction', {
    from,
    to,
    zoneId,
  }).then(readReduction);
}

/** A count table from either a map {key: n} or a list [{key|zoneId|…, count}]. */
export function readCounts(value: unknown): { key: string; count: number }[] {
  if (Array.isArray(value)) {
    return value.map((entry: Loose) => {
      const key =
        entry.key ??
        entry.zoneId ??
        entry.code ??
        entry.value ??
        entry.name ??
        entry.id;
      return {
        key: typeof key === 'object' && key ? JSON.stringify(key) : String(key),
        count: asNumber(entry.count ?? entry.n) ?? 0,
      };
    });
  }
  if (value && typeof value === 'object') {
    return Object.entries(value as Loose).map(([key, count]) => ({
      key,
      count: asNumber(count) ?? 0,
    }));
  }
  return [];
}

/**
 * One line behind a figure: the key (accident, claim, enterprise…), the streams and events it comes from,
 * how much it adds to the figure, the fields that made it count, or the reason it does not.
 */
export interface Fact {
  key: string;
  streams: string[];
  eventIds: string[];
  counts: number | null;
  fields: Record<string, unknown>;
  reason?: string;
}

export interface Facts {
  included: Fact[];
  excluded: Fact[];
  includedTotal: number;
  excludedTotal: number;
  /** The figure these lines explain, when the endpoint states it. */
  value: number | null;
}

/** A field the endpoint sends as a string; a number is printed as one, anything else as its JSON. */
const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : JSON.stringify(value);

function readFact(raw: Loose): Fact {
  const streams = Array.isArray(raw.streams)
    ? raw.streams.map(String)
    : raw.streamName
      ? [text(raw.streamName)]
      : [];
  const eventIds = Array.isArray(raw.eventIds)
    ? raw.eventIds.map(String)
    : raw.eventId
      ? [text(raw.eventId)]
      : [];
  return {
    key: String((raw.key as string | undefined) ?? streams[0] ?? ''),
    streams,
    eventIds,
    counts: asNumber(raw.counts),
    fields: (raw.fields as Record<string, unknown>) ?? {},
    reason:
      typeof raw.reason === 'string'
        ? raw.reason
        : raw.reason
          ? JSON.stringify(raw.reason)
          : undefined,
  };
}

export function readFacts(body: Loose): Facts {
  const included = ((body.contributing ?? body.items ?? []) as Loose[]).map(
    readFact,
  );
  const excluded = ((body.excluded ?? []) as Loose[]).map(readFact);
  return {
    included,
    excluded,
    includedTotal:
      asNumber(body.contributingTotal ?? body.total) ?? included.length,
    excludedTotal: asNumber(body.excludedTotal) ?? excluded.length,
    value: asNumber(body.value ?? body.numerator),
  };
}
