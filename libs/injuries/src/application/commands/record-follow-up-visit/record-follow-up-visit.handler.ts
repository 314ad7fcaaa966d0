import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  REFERENCE_DATA,
  resolveAccidentType,
  unknownAccidentTypeMessage,
  type ReferenceData,
} from '@app/reference-data';
import { InjuryCaseError } from '../../../domain/injury-case.errors.js';
import {
  INJURY_CASE_REPOSITORY,
  type InjuryCaseRepository,
} from '../../injury-case.repository.js';
import { InjuryCaseCommandHandlerBase } from '../injury-command.base.js';
import { RecordFollowUpVisitCommand } from './record-follow-up-visit.command.js';

@CommandHandler(RecordFollowUpVisitCommand)
export class RecordFollowUpVisitHandler
  extends InjuryCaseCommandHandlerBase
  implements ICommandHandler<RecordFollowUpVisitCommand>
{
  constructor(
    @Inject(INJURY_CASE_REPOSITORY) cases: InjuryCaseRepository,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {
    super(cases);
  }

  async execute({
    props,
    meta,
  }: RecordFollowUpVisitCommand): Promise<CommandResult> {
    const accidentType = resolveAccidentType(
      this.referenceData,
      props.causeAnalysis.accidentType,
    );
    if (!accidentType) {
      throw new InjuryCaseError(
        'INJURY_CASE_INVALID',
        'Unknown GB 6441 accident type',
        [
          {
            path: 'causeAnalysis.accidentType.code',
            message: unknownAccidentTypeMessage(
              this.referenceData,
              props.causeAnalysis.accidentType,
            ),
          },
        ],
      );
    }
    return this.run(props.claimId, meta, (c) =>
      c.recordFollowUpVisit({
        officerId: props.officerId ?? meta.actor,
        causeAnalysis: { ...props.causeAnalysis, accidentType },
        recommendations: props.recommendations,
      }),
    );
  }
}
