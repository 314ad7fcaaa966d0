import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StreamVersionConflictError } from '@app/event-store';
import {
  CLOCK,
  type Clock,
  deterministicEventId,
  endOfShanghaiDate,
  shanghaiDate,
} from '@app/shared-kernel';
import {
  INJURY_CASE_REPOSITORY,
  type InjuryCaseRepository,
} from '../../injury-case.repository.js';
import {
  INJURY_CASE_READ_MODEL,
  type InjuryCaseReadModel,
} from '../../ports/injury-case-read-model.port.js';
import {
  DetectOverdueFollowUpsCommand,
  type DetectOverdueFollowUpsResult,
} from './detect-overdue-follow-ups.command.js';

/**
 * Asks the read model for cases whose visit is still due past dueBy, then lets each aggregate decide
 * with the injected clock (the read model may lag; the aggregate is the judge). The event's
 * effectiveAt is the instant the deadline passed, its id derived from claimId + dueBy, so two
 * schedulers racing cannot flag a case twice.
 */
@CommandHandler(DetectOverdueFollowUpsCommand)
export class DetectOverdueFollowUpsHandler implements ICommandHandler<DetectOverdueFollowUpsCommand> {
  constructor(
    @Inject(INJURY_CASE_REPOSITORY)
    private readonly cases: InjuryCaseRepository,
    @Inject(INJURY_CASE_READ_MODEL)
    private readonly readModel: InjuryCaseReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    meta,
  }: DetectOverdueFollowUpsCommand): Promise<DetectOverdueFollowUpsResult> {
    const now = this.clock.now();
    const claimIds = await this.readModel.claimIdsWithFollowUpDueBefore(
      shanghaiDate(now.getTime()),
    );
    const flagged: string[] = [];
    for (const claimId of claimIds) {
      const injuryCase = await this.cases.load(claimId);
      const dueBy = injuryCase.followUpDueBy;
      if (!dueBy || !injuryCase.markFollowUpOverdue(now)) continue;
      const passedAt = new Date(endOfShanghaiDate(dueBy) + 1).toISOString();
      try {
        await this.cases.save(
          claimId,
          injuryCase,
          { ...meta, effectiveAt: passedAt },
          (event) => deterministicEventId(claimId, event.type, dueBy),
        );
        flagged.push(claimId);
      } catch (error) {
        if (error instanceof StreamVersionConflictError) continue; // the case moved on; the next run decides again
        throw error;
      }
    }
    return { checked: claimIds.length, flagged };
  }
}
