import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
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

  async execute({
    props,
    meta,
  }: RecordPerformanceAssessmentCommand): Promise<CommandResult> {
    const { uscc, ...assessment } = props;
    const enterprise = await this.enterprises.loadExisting(
      uscc,
      meta.expectedVersion,
    );
    enterprise.recordPerformanceAssessment(assessment);
    return this.enterprises.save(enterprise, meta);
  }
}
