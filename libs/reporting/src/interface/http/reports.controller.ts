import { ReadModels } from '@app/api-conventions';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReportQueries } from '../../application/queries/report-queries.js';
import {
  ACCIDENT_REDUCTION_EXAMPLE,
  COMPETITION_EXAMPLE,
  FACTS_EXAMPLE,
  WEEKLY_EXAMPLE,
} from './report.examples.js';
import {
  AccidentReductionFactsRequestDto,
  AccidentReductionRequestDto,
  WeeklyInjuriesFactsRequestDto,
  WeeklyInjuriesRequestDto,
  ZoneCompetitionFactsRequestDto,
  ZoneCompetitionRequestDto,
} from './report.request.dto.js';

const DEFAULT_FACTS_PAGE_SIZE = 50;
const paging = (q: { page?: number; pageSize?: number }) => ({
  page: q.page ?? 1,
  pageSize: q.pageSize ?? DEFAULT_FACTS_PAGE_SIZE,
});
const example = (value: unknown, description: string) =>
  ApiOkResponse({ description, schema: { type: 'object', example: value } });

/** docs/metrics.md: the three reports and the facts behind every number (X-Projection-Position on each). */
@ApiTags('reports')
@ReadModels('reporting.facts')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportQueries) {}

  @Get('metrics/accident-reduction')
  @ApiOperation({
    summary:
      'Accident reduction (同比下降): six figures for a period against the same dates a year earlier',
  })
  @example(
    ACCIDENT_REDUCTION_EXAMPLE,
    'Each figure as {current, previous, change, changePercent}; changePercent unrounded, null when previous = 0',
  )
  accidentReduction(@Query() q: AccidentReductionRequestDto) {
    return this.reports.accidentReduction(q);
  }

  @Get('metrics/accident-reduction/facts')
  @ApiOperation({
    summary:
      'The facts behind one accident-reduction figure: contributing lines (Σ counts = the figure) and excluded ones with the reason',
  })
  @example(FACTS_EXAMPLE, 'One page of contributing and excluded lines')
  accidentReductionFacts(@Query() q: AccidentReductionFactsRequestDto) {
    return this.reports.accidentReductionFacts(
      { ...q, period: q.period ?? 'current' },
      paging(q),
    );
  }

  @Get('zones/competition')
  @ApiOperation({
    summary:
      'Zone competition (分区竞争) for a month: every indicator, score, rank, rank change and the weights used',
  })
  @example(
    COMPETITION_EXAMPLE,
    'One row per zone as effective at month end, plus unassigned when it has data',
  )
  zoneCompetition(@Query() q: ZoneCompetitionRequestDto) {
    return this.reports.zoneCompetition(q);
  }

  @Get('zones/competition/facts')
  @ApiOperation({
    summary:
      'The facts behind one competition indicator of one zone (numerator lines, with each line’s denominator share)',
  })
  @example(
    {
      ...FACTS_EXAMPLE,
      figure: undefined,
      month: '2024-08',
      zoneId: 'zone-1',
      indicator: 'enrolledRate',
      numerator: 123,
      denominator: 126,
      rate: 0.976,
    },
    'One page of lines',
  )
  zoneCompetitionFacts(@Query() q: ZoneCompetitionFactsRequestDto) {
    return this.reports.zoneCompetitionFacts(q, paging(q));
  }

  @Get('reports/weekly-injuries')
  @ApiOperation({
    summary:
      'Weekly injury summary (每周汇总反馈) of one ISO feed week, with the manifest reconciliation',
  })
  @example(
    WEEKLY_EXAMPLE,
    'Counts, breakdowns, follow-ups, recurrence flags and reconciliation',
  )
  weeklyInjuries(@Query() q: WeeklyInjuriesRequestDto) {
    return this.reports.weeklyInjuries(q);
  }

  @Get('reports/weekly-injuries/facts')
  @ApiOperation({
    summary:
      'The declarations (or quarantined records, or missing claimIds) behind one weekly count',
  })
  @example(
    {
      ...FACTS_EXAMPLE,
      figure: undefined,
      week: '2024-W36',
      count: 'received',
    },
    'One page of lines',
  )
  weeklyInjuriesFacts(@Query() q: WeeklyInjuriesFactsRequestDto) {
    return this.reports.weeklyInjuriesFacts(q, paging(q));
  }
}
