import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  changeEnterprise,
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { RecordPerformanceAssessmentCommand } from './record-performance-assessment.command.js';

@CommandHandler(RecordPerformanceAssessmentCommand)
export class RecordPerformanceAssessmentHandler implements ICommandHandler<RecordPerformanceAssessmentCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
  ) {}

  execute({
    props,
    meta,
  }: RecordPerformanceAssessmentCommand): Promise<CommandResult> {
    const { uscc, ...assessment } = props;
    return changeEnterprise(this.enterprises, uscc, meta, (enterprise) => {
      enterprise.recordPerformanceAssessment(assessment);
    });
  }
}
