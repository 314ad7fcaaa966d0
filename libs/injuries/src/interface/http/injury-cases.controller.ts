import { Body, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import {
  AsRecordedAtRequestDto,
  CommandController,
  CommandEndpoint,
  CommandMeta,
} from '@app/api-conventions';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import { CloseInjuryCaseCommand } from '../../application/commands/close-injury-case/close-injury-case.command.js';
import { CompleteRectificationItemCommand } from '../../application/commands/complete-rectification-item/complete-rectification-item.command.js';
import {
  OrderRectificationCommand,
  type OrderRectificationResult,
} from '../../application/commands/order-rectification/order-rectification.command.js';
import { RecordFollowUpVisitCommand } from '../../application/commands/record-follow-up-visit/record-follow-up-visit.command.js';
import { VerifyRectificationCommand } from '../../application/commands/verify-rectification/verify-rectification.command.js';
import {
  INJURY_CASE_READ_MODEL,
  type InjuryCaseReadModel,
  type InjuryCaseView,
} from '../../application/ports/injury-case-read-model.port.js';
import { InjuryCaseError } from '../../domain/injury-case.errors.js';
import { InjuryCaseAsRecordedQuery } from '../../infrastructure/injury-case-as-recorded.query.js';
import { CloseInjuryCaseRequestDto } from './close-injury-case.request.dto.js';
import { CompleteRectificationItemRequestDto } from './complete-rectification-item.request.dto.js';
import { ListInjuryCasesRequestDto } from './list-injury-cases.request.dto.js';
import { OrderRectificationRequestDto } from './order-rectification.request.dto.js';
import { RecordFollowUpVisitRequestDto } from './record-follow-up-visit.request.dto.js';
import { VerifyRectificationRequestDto } from './verify-rectification.request.dto.js';

export interface InjuryCasePage {
  items: InjuryCaseView[];
  total: number;
  page: number;
  pageSize: number;
}

/** docs/http-api.md "Injury cases" (officer of the zone, admin); the app adds /api/v1. */
@CommandController('injury-cases', 'injuries.injury-case-view')
export class InjuryCasesController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(INJURY_CASE_READ_MODEL) private readonly cases: InjuryCaseReadModel,
    private readonly asRecorded: InjuryCaseAsRecordedQuery,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'List injury cases (filters: zone, status, first feed week), newest injury first',
  })
  async list(
    @Query() query: ListInjuryCasesRequestDto,
  ): Promise<InjuryCasePage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const result = await this.cases.list({
      zoneId: query.zoneId,
      status: query.status,
      feedWeek: query.feedWeek,
      page,
      pageSize,
    });
    return { ...result, page, pageSize };
  }

  @Get(':claimId')
  @ApiOperation({
    summary:
      'The case view: declaration (worker as a pseudonym only), follow-up state and deadline, rectification items, recurrence',
  })
  @ApiNotFoundResponse({ description: 'INJURY_CASE_NOT_FOUND' })
  async getOne(
    @Param('claimId') claimId: string,
    @Query() query: AsRecordedAtRequestDto,
  ): Promise<InjuryCaseView> {
    const view =
      query.asRecordedAt === undefined
        ? await this.cases.get(claimId)
        : await this.asRecorded.get(claimId, query.asRecordedAt);
    if (!view)
      throw new InjuryCaseError(
        'INJURY_CASE_NOT_FOUND',
        `No injury case ${claimId}`,
        [{ path: 'params/claimId', message: 'unknown' }],
      );
    return view;
  }

  @Post(':claimId/follow-up-visits')
  @CommandEndpoint({
    summary:
      'Record the follow-up visit with its cause analysis (the officer is the acting user)',
    notFound: 'INJURY_CASE_NOT_FOUND',
    conflict:
      'FOLLOW_UP_VISIT_ALREADY_RECORDED, INJURY_CASE_CLOSED, INJURY_CASE_WITHDRAWN',
  })
  recordFollowUpVisit(
    @CommandMeta() meta: CommandMetadata,
    @Param('claimId') claimId: string,
    @Body() body: RecordFollowUpVisitRequestDto,
  ): Promise<CommandResult> {
    const { accidentType, directCauses, rootCauses, narrative } =
      body.causeAnalysis;
    return this.commandBus.execute(
      new RecordFollowUpVisitCommand(
        {
          claimId,
          causeAnalysis: {
            accidentType: {
              standard: accidentType.standard,
              code: accidentType.code,
            },
            directCauses,
            rootCauses,
            narrative,
          },
          recommendations: body.recommendations,
        },
        meta,
      ),
    );
  }

  @Post(':claimId/rectification')
  @CommandEndpoint({
    summary:
      'Order rectification; items are numbered item-1, item-2, … (answered as itemIds)',
    notFound: 'INJURY_CASE_NOT_FOUND',
    conflict: 'FOLLOW_UP_VISIT_REQUIRED, RECTIFICATION_ALREADY_ORDERED',
  })
  orderRectification(
    @CommandMeta() meta: CommandMetadata,
    @Param('claimId') claimId: string,
    @Body() body: OrderRectificationRequestDto,
  ): Promise<OrderRectificationResult> {
    return this.commandBus.execute(
      new OrderRectificationCommand(
        {
          claimId,
          items: body.items.map((item) => ({
            description: item.description,
            dueBy: item.dueBy,
          })),
        },
        meta,
      ),
    );
  }

  @Post(':claimId/rectification/items/:itemId/completion')
  @CommandEndpoint({
    summary: 'Record a rectification item as completed, with its evidence',
    notFound: 'INJURY_CASE_NOT_FOUND, RECTIFICATION_ITEM_NOT_FOUND',
    conflict: 'RECTIFICATION_NOT_ORDERED, RECTIFICATION_ITEM_ALREADY_COMPLETED',
  })
  completeRectificationItem(
    @CommandMeta() meta: CommandMetadata,
    @Param('claimId') claimId: string,
    @Param('itemId') itemId: string,
    @Body() body: CompleteRectificationItemRequestDto,
  ): Promise<CommandResult> {
    return this.commandBus.execute(
      new CompleteRectificationItemCommand(
        { claimId, itemId, evidenceRef: body.evidenceRef },
        meta,
      ),
    );
  }

  @Post(':claimId/rectification/verification')
  @CommandEndpoint({
    summary:
      'Verify the rectification (every item completed); the verifying officer is the acting user',
    notFound: 'INJURY_CASE_NOT_FOUND',
    conflict: 'RECTIFICATION_ITEMS_INCOMPLETE, RECTIFICATION_ALREADY_VERIFIED',
  })
  verifyRectification(
    @CommandMeta() meta: CommandMetadata,
    @Param('claimId') claimId: string,
    @Body() _body: VerifyRectificationRequestDto,
  ): Promise<CommandResult> {
    return this.commandBus.execute(
      new VerifyRectificationCommand({ claimId }, meta),
    );
  }

  @Post(':claimId/closure')
  @CommandEndpoint({
    summary:
      'Close the case (after verification, or with a reason when no rectification was needed)',
    notFound: 'INJURY_CASE_NOT_FOUND',
    conflict:
      'CLOSURE_REASON_REQUIRED, FOLLOW_UP_VISIT_PENDING, INJURY_CASE_CLOSED',
  })
  close(
    @CommandMeta() meta: CommandMetadata,
    @Param('claimId') claimId: string,
    @Body() body: CloseInjuryCaseRequestDto,
  ): Promise<CommandResult> {
    return this.commandBus.execute(
      new CloseInjuryCaseCommand(
        { claimId, ...(body.reason ? { reason: body.reason } : {}) },
        meta,
      ),
    );
  }
}
