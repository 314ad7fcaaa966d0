import { Inject, Injectable } from '@nestjs/common';
import {
  REFERENCE_DATA,
  type ReferenceData,
  UNASSIGNED_ZONE_ID,
} from '@app/reference-data';
import { RuleViolation } from '@app/shared-kernel';
import { isCalendarDate, isoWeekDates } from '@app/shared-kernel';
import type { County } from '../../domain/county.js';
import {
  accidentReduction,
  type AccidentFigure,
  type AccidentReduction,
  figureFacts,
  previousPeriod,
} from '../../domain/accident-reduction.js';
import type { ExcludedLine, FactLine } from '../../domain/reporting-fact.js';
import {
  type CompetitionIndicator,
  indicatorFacts,
  type ZoneCompetition,
  zoneCompetition,
} from '../../domain/zone-competition.js';
import {
  type WeeklyCount,
  weeklyFacts,
  type WeeklyInjurySummary,
  weeklyInjurySummary,
} from '../../domain/weekly-injuries.js';
import { CountySnapshots } from '../county-snapshots.js';
import { competitionOptions, reductionOptions } from '../reporting.options.js';

export interface Paging {
  page: number;
  pageSize: number;
}

/** One page of a figure's facts; `contributingTotal` lines add up to `value`. */
export interface FactsPage {
  value: number;
  asRecordedAt: string | null;
  page: number;
  pageSize: number;
  contributingTotal: number;
  excludedTotal: number;
  contributing: FactLine[];
  excluded: ExcludedLine[];
}

const slice = <T>(rows: T[], { page, pageSize }: Paging): T[] =>
  rows.slice((page - 1) * pageSize, page * pageSize);

/** The three reports of docs/metrics.md and the facts behind each of their numbers. */
@Injectable()
export class ReportQueries {
  /**
   * Reports already computed, per county and while it has not changed: a live report is computed once per
   * change of the facts, and a report as recorded at a past instant stays computed while later facts arrive.
   */
  private readonly results = new WeakMap<
    County,
    { version: number; byKey: Map<string, unknown> }
  >();

  constructor(
    private readonly snapshots: CountySnapshots,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  async accidentReduction(q: {
    from: string;
    to: string;
    zoneId?: string;
    asRecordedAt?: string;
  }): Promise<AccidentReduction & { asRecordedAt: string | null }> {
    this.checkPeriod(q);
    const county = await this.snapshots.county(q.asRecordedAt);
    return this.cached(
      county,
      ['accident-reduction', q.from, q.to, q.zoneId, q.asRecordedAt],
      () => ({
        ...accidentReduction(county, q, reductionOptions(this.referenceData)),
        asRecordedAt: q.asRecordedAt ?? null,
      }),
    );
  }

  async accidentReductionFacts(
    q: {
      figure: AccidentFigure;
      period: 'current' | 'previous';
      from: string;
      to: string;
      zoneId?: string;
      asRecordedAt?: string;
    },
    paging: Paging,
  ): Promise<
    FactsPage & {
      figure: AccidentFigure;
      from: string;
      to: string;
      zoneId: string | null;
    }
  > {
    this.checkPeriod(q);
    const county = await this.snapshots.county(q.asRecordedAt);
    const dates =
      q.period === 'previous' ? previousPeriod(q) : { from: q.from, to: q.to };
    const facts = figureFacts(
      county,
      q.figure,
      { ...dates, zoneId: q.zoneId },
      reductionOptions(this.referenceData),
    );
    return {
      figure: q.figure,
      ...dates,
      zoneId: q.zoneId ?? null,
      ...this.page(facts, q.asRecordedAt, paging),
    };
  }

  async zoneCompetition(q: { month: string; asRecordedAt?: string }): Promise<
    ZoneCompetition & {
      asRecordedAt: string | null;
      referenceDataVersion: string;
    }
  > {
    const county = await this.snapshots.county(q.asRecordedAt);
    return this.cached(
      county,
      ['zone-competition', q.month, q.asRecordedAt],
      () => ({
        ...zoneCompetition(
          county,
          q.month,
          competitionOptions(this.referenceData),
        ),
        asRecordedAt: q.asRecordedAt ?? null,
        referenceDataVersion: this.referenceData.version,
      }),
    );
  }

  async zoneCompetitionFacts(
    q: {
      month: string;
      zoneId: string;
      indicator: CompetitionIndicator;
      asRecordedAt?: string;
    },
    paging: Paging,
  ): Promise<
    FactsPage & {
      month: string;
      zoneId: string;
      indicator: CompetitionIndicator;
      numerator: number;
      denominator: number | null;
      rate: number | null;
    }
  > {
    this.checkZone(q.zoneId);
    const county = await this.snapshots.county(q.asRecordedAt);
    const facts = indicatorFacts(
      county,
      q.month,
      q.zoneId,
      q.indicator,
      competitionOptions(this.referenceData),
    );
    return {
      month: q.month,
      zoneId: q.zoneId,
      indicator: q.indicator,
      numerator: facts.numerator,
      denominator: facts.denominator,
      rate: facts.rate,
      ...this.page(facts, q.asRecordedAt, paging),
    };
  }

  async weeklyInjuries(q: {
    week: string;
    asRecordedAt?: string;
  }): Promise<WeeklyInjurySummary & { asRecordedAt: string | null }> {
    this.checkWeek(q.week);
    const county = await this.snapshots.county(q.asRecordedAt);
    return {
      ...weeklyInjurySummary(county, q.week),
      asRecordedAt: q.asRecordedAt ?? null,
    };
  }

  async weeklyInjuriesFacts(
    q: { week: string; count: WeeklyCount; asRecordedAt?: string },
    paging: Paging,
  ): Promise<FactsPage & { week: string; count: WeeklyCount }> {
    this.checkWeek(q.week);
    const county = await this.snapshots.county(q.asRecordedAt);
    return {
      week: q.week,
      count: q.count,
      ...this.page(
        weeklyFacts(county, q.week, q.count),
        q.asRecordedAt,
        paging,
      ),
    };
  }

  /** Computed once per key while the county does not change; answers are plain data, never mutated. */
  private cached<T>(county: County, key: unknown[], compute: () => T): T {
    let entry = this.results.get(county);
    if (!entry || entry.version !== county.version)
      this.results.set(
        county,
        (entry = { version: county.version, byKey: new Map() }),
      );
    const k = JSON.stringify(
      key.map((part) => (part === undefined ? null : part)),
    );
    if (!entry.byKey.has(k)) {
      if (entry.byKey.size >= 256) entry.byKey.clear();
      entry.byKey.set(k, compute());
    }
    return entry.byKey.get(k) as T;
  }

  private page(
    facts: {
      value: number;
      contributing: FactLine[];
      excluded: ExcludedLine[];
    },
    asRecordedAt: string | undefined,
    paging: Paging,
  ): FactsPage {
    return {
      value: facts.value,
      asRecordedAt: asRecordedAt ?? null,
      page: paging.page,
      pageSize: paging.pageSize,
      contributingTotal: facts.contributing.length,
      excludedTotal: facts.excluded.length,
      contributing: slice(facts.contributing, paging),
      excluded: slice(facts.excluded, paging),
    };
  }

  private checkPeriod(q: { from: string; to: string; zoneId?: string }): void {
    const problems = (['from', 'to'] as const)
      .filter((k) => !isCalendarDate(q[k]))
      .map((k) => ({
        path: `query/${k}`,
        message: 'must be a calendar date YYYY-MM-DD',
      }));
    if (problems.length === 0 && q.from > q.to)
      problems.push({ path: 'query/to', message: 'must not be before from' });
    if (problems.length > 0)
      throw new RuleViolation(
        'REPORT_PERIOD_INVALID',
        'invalid',
        'The report period is not valid',
        problems,
      );
    if (q.zoneId !== undefined) this.checkZone(q.zoneId);
  }

  private checkZone(zoneId: string): void {
    if (
      zoneId !== UNASSIGNED_ZONE_ID &&
      !this.referenceData.zones.some((z) => z.id === zoneId)
    ) {
      throw new RuleViolation(
        'ZONE_UNKNOWN',
        'invalid',
        `Zone ${zoneId} is not configured`,
        [{ path: 'query/zoneId', message: 'unknown zone' }],
      );
    }
  }

  private checkWeek(week: string): void {
    if (!isoWeekDates(week)) {
      throw new RuleViolation(
        'FEED_WEEK_INVALID',
        'invalid',
        `${week} is not an ISO week`,
        [
          {
            path: 'query/week',
            message: 'must be an ISO week YYYY-Www that exists',
          },
        ],
      );
    }
  }
}
