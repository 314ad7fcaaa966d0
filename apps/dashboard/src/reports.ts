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
    const indicators = Object.fromEntries(COMPETITION_INDICATORS.map((k) => [k, asNumber(source[k])])) as CompetitionRow['indicators'];
    return {
      zoneId: String(row.zoneId ?? row.zone ?? row.id),
      zoneName: typeof row.zoneName === 'string' ? row.zoneName : typeof row.name === 'string' ? row.name : undefined,
      indicators,
      score: asNumber(row.score) ?? 0,
      rank: asNumber(row.rank) ?? 0,
      rankChange: asNumber(row.rankChange),
    };
  });
  rows.sort((a, b) => a.rank - b.rank);
  return { month: String(body.month ?? month), weights: (body.weights as Record<string, number>) ?? {}, rows };
}

export function fetchCompetition(month: string): Promise<Competition> {
  return getReport<Loose>('/zones/competition', { month }).then((body) => readCompetition(body, month));
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
      return [name, { current, previous, change: asNumber(f.change) ?? current - previous, changePercent: asNumber(f.changePercent) }];
    }),
  ) as Reduction['figures'];
  const previous = (body.previous ?? body.comparison) as Loose | undefined;
  return {
    figures,
    previousFrom: (body.previousFrom ?? previous?.from) as string | undefined,
    previousTo: (body.previousTo ?? previous?.to) as string | undefined,
  };
}

export function fetchReduction(from: string, to: string, zoneId?: string): Promise<Reduction> {
  return getReport<Loose>('/metrics/accident-reduction', { from, to, zoneId }).then(readReduction);
}

/** A count table from either a map {key: n} or a list [{key|zoneId|…, count}]. */
export function readCounts(value: unknown): { key: string; count: number }[] {
  if (Array.isArray(value)) {
    return value.map((entry: Loose) => {
      const key = entry.key ?? entry.zoneId ?? entry.code ?? entry.value ?? entry.name ?? entry.id;
      return { key: typeof key === 'object' && key ? JSON.stringify(key) : String(key), count: asNumber(entry.count ?? entry.n) ?? 0 };
    });
  }
  if (value && typeof value === 'object') {
    return Object.entries(value as Loose).map(([key, count]) => ({ key, count: asNumber(count) ?? 0 }));
  }
  return [];
}

/** One fact behind a figure: the event and stream it comes from, and what made it count or not. */
export interface Fact {
  streamName: string;
  eventId?: string;
  fields: Record<string, unknown>;
  reason?: string;
}

export interface Facts {
  included: Fact[];
  excluded: Fact[];
  includedTotal: number;
  excludedTotal: number;
}

function readFact(raw: Loose): Fact {
  const { streamName, stream, eventId, eventIds, reason, fields, ...rest } = raw;
  return {
    streamName: String(streamName ?? stream ?? ''),
    eventId: typeof eventId === 'string' ? eventId : Array.isArray(eventIds) ? eventIds.join(', ') : undefined,
    fields: (fields as Record<string, unknown>) ?? rest,
    reason: typeof reason === 'string' ? reason : reason ? JSON.stringify(reason) : undefined,
  };
}

export function readFacts(body: Loose): Facts {
  const included = ((body.facts ?? body.items ?? body.included ?? []) as Loose[]).map(readFact);
  const excluded = ((body.excluded ?? []) as Loose[]).map(readFact);
  return {
    included,
    excluded,
    includedTotal: asNumber(body.total ?? body.includedTotal) ?? included.length,
    excludedTotal: asNumber(body.excludedTotal) ?? excluded.length,
  };
}
