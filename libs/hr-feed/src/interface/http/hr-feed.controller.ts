import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import {
  CommandMeta,
  RequestValidationException,
  flattenValidationErrors,
  ReadModels,
} from '@app/api-conventions';
import { ISO_WEEK_PATTERN, type CommandMetadata } from '@app/shared-kernel';
import {
  IngestFeedBatchService,
  MAX_FEED_BATCH_RECORDS,
  type FeedBatchResult,
} from '../../application/ingest-feed-batch/ingest-feed-batch.service.js';
import {
  QUARANTINE_REPOSITORY,
  type QuarantineRepository,
  type QuarantinedRecord,
} from '../../application/ports/feed-records.port.js';
import {
  INJURY_CASE_READ_MODEL,
  type InjuryCaseReadModel,
} from '@app/injuries';
import {
  FeedWeekReconciliationQuery,
  type FeedWeekReconciliation,
} from '../../application/queries/feed-week-reconciliation.query.js';
import { FeedBatchRejectedError } from './feed-batch-rejected.error.js';
import { FeedCsvHeaderError, mapFeedCsv } from './feed-batch-csv.mapper.js';
import { FeedBatchResponse } from './feed-batch.response.dto.js';
import { ListQuarantineRequestDto } from './list-quarantine.request.dto.js';
import { ListUnmatchedRequestDto } from './list-unmatched.request.dto.js';
import { SubmitFeedBatchRequestDto } from './submit-feed-batch.request.dto.js';

export interface UnmatchedDeclaration {
  claimId: string;
  uscc: string;
  employerName: string | null;
  feedWeek: string;
  injuredAt: string;
  severity: string;
  status: string;
}

const tooLarge = (count: number) =>
  new FeedBatchRejectedError(
    'FEED_BATCH_TOO_LARGE',
    `A batch carries at most ${MAX_FEED_BATCH_RECORDS} records; this one has ${count}`,
  );

/** docs/http-api.md "HR feed" (the app adds /api/v1; the body parsers accept JSON and text/csv up to 10 MB here). */
@ApiTags('hr-feed')
@ApiExtraModels(SubmitFeedBatchRequestDto)
@Controller('hr-feed')
export class HrFeedController {
  constructor(
    private readonly batches: IngestFeedBatchService,
    private readonly reconciliation: FeedWeekReconciliationQuery,
    @Inject(QUARANTINE_REPOSITORY)
    private readonly quarantine: QuarantineRepository,
    @Inject(INJURY_CASE_READ_MODEL) private readonly cases: InjuryCaseReadModel,
  ) {}

  @Post('batches')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Submit a weekly HR batch (JSON, or text/csv with a header row — docs/decisions/0032)',
    description:
      'Each record is ingested on its own: accepted | corrected | duplicate | withdrawn | quarantined (with reasons). ' +
      'A bad record never fails the batch. CSV: pass ?feedWeek=YYYY-Www; a row without feedWeek takes it.',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ type: SubmitFeedBatchRequestDto })
  @ApiQuery({
    name: 'feedWeek',
    required: false,
    description: 'The batch week, required for text/csv',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: FeedBatchResponse })
  @ApiBadRequestResponse({
    description:
      'REQUEST_VALIDATION_FAILED, FEED_CSV_HEADER_INVALID, MALFORMED_JSON',
  })
  @ApiPayloadTooLargeResponse({
    description:
      'FEED_BATCH_TOO_LARGE (> 10,000 records), PAYLOAD_TOO_LARGE (> 10 MB)',
  })
  @ApiUnsupportedMediaTypeResponse({
    description: 'FEED_BATCH_MEDIA_TYPE_UNSUPPORTED',
  })
  async submitBatch(
    @CommandMeta() meta: CommandMetadata,
    @Req() request: Request,
    @Query('feedWeek') queryFeedWeek?: string,
  ): Promise<FeedBatchResult> {
    if (request.is('text/csv') || request.is('text/plain'))
      return this.submitCsv(request.body, queryFeedWeek, meta);
    if (!request.is('application/json')) {
      throw new FeedBatchRejectedError(
        'FEED_BATCH_MEDIA_TYPE_UNSUPPORTED',
        'Send the batch as application/json or text/csv',
      );
    }
    const body: unknown = request.body;
    const records = (body as { records?: unknown } | null)?.records;
    if (Array.isArray(records) && records.length > MAX_FEED_BATCH_RECORDS)
      throw tooLarge(records.length);
    const dto = plainToInstance(SubmitFeedBatchRequestDto, body ?? {});
    const errors = await validate(dto as object, {
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    if (errors.length > 0)
      throw new RequestValidationException(flattenValidationErrors(errors));
    const valid = body as SubmitFeedBatchRequestDto;
    return this.batches.ingest(
      {
        feedWeek: valid.feedWeek,
        records: valid.records.map((value) => ({ value })),
        ...(valid.manifest
          ? {
              manifest: {
                expectedCount: valid.manifest.expectedCount,
                claimIds: valid.manifest.claimIds,
              },
            }
          : {}),
      },
      meta,
    );
  }

  private async submitCsv(
    body: unknown,
    feedWeek: string | undefined,
    meta: CommandMetadata,
  ): Promise<FeedBatchResult> {
    if (typeof feedWeek !== 'string' || !ISO_WEEK_PATTERN.test(feedWeek)) {
      throw new RequestValidationException([
        {
          path: 'query/feedWeek',
          message: 'a CSV batch needs ?feedWeek=YYYY-Www',
        },
      ]);
    }
    let mapped: ReturnType<typeof mapFeedCsv>;
    try {
      mapped = mapFeedCsv(typeof body === 'string' ? body : '', feedWeek);
    } catch (error) {
      if (error instanceof FeedCsvHeaderError) {
        throw new FeedBatchRejectedError(
          'FEED_CSV_HEADER_INVALID',
          error.message,
          error.errors,
        );
      }
      throw error;
    }
    if (mapped.rowCount > MAX_FEED_BATCH_RECORDS)
      throw tooLarge(mapped.rowCount);
    return this.batches.ingest({ feedWeek, records: mapped.records }, meta);
  }

  @ReadModels('injuries.feed-records')
  @Get('quarantine')
  @ApiOperation({
    summary:
      'Quarantined feed records with every reason (no worker ID number is ever kept)',
  })
  async listQuarantine(
    @Query() query: ListQuarantineRequestDto,
  ): Promise<{ items: QuarantinedRecord[]; total: number }> {
    const items = await this.quarantine.list({ feedWeek: query.feedWeek });
    return { items, total: items.length };
  }

  @ReadModels('injuries.injury-case-view')
  @Get('unmatched')
  @ApiOperation({
    summary:
      "Declarations whose uscc is not registered (attributed to zone 'unassigned')",
  })
  async listUnmatched(
    @Query() query: ListUnmatchedRequestDto,
  ): Promise<{ items: UnmatchedDeclaration[]; total: number }> {
    const page = await this.cases.listUnmatched({
      page: query.page,
      pageSize: query.pageSize,
    });
    return {
      items: page.items.map((c) => ({
        claimId: c.claimId,
        uscc: c.uscc,
        employerName: c.employerName,
        feedWeek: c.feedWeek,
        injuredAt: c.declaration.injuredAt,
        severity: c.declaration.severity,
        status: c.status,
      })),
      total: page.total,
    };
  }

  @ReadModels('injuries.feed-records', 'injuries.injury-case-view')
  @Get('weeks/:feedWeek/reconciliation')
  @ApiOperation({
    summary:
      "A week's manifest against what arrived: expected, received, missing and unexpected claimIds",
  })
  @ApiBadRequestResponse({
    description: 'REQUEST_VALIDATION_FAILED (feedWeek is not YYYY-Www)',
  })
  async reconcile(
    @Param('feedWeek') feedWeek: string,
  ): Promise<FeedWeekReconciliation> {
    if (!ISO_WEEK_PATTERN.test(feedWeek)) {
      throw new RequestValidationException([
        { path: 'params/feedWeek', message: 'must be an ISO week YYYY-Www' },
      ]);
    }
    return this.reconciliation.execute(feedWeek);
  }
}
