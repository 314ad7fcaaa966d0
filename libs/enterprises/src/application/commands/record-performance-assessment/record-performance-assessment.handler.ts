import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import { ENTERPRISE_REPOSITORY, type EnterpriseRepository } from '../../enterprise.repository.js';
import { RecordPerformanceAssessmentCommand } from './record-performance-assessment.command.js';

@CommandHandler(RecordPerformanceAssessmentCommand)
export class RecordPerformanceAssessmentHandler implements ICommandHandler<RecordPerformanceAssessmentCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY) private readonly enterprises: EnterpriseRepository,
  ) {}

  async execute(command: RecordPerformanceAssessmentCommand): Promise<CommandResult> {
    const enterprise = await this.enterprises.loadExisting(command.uscc, command.meta.expectedVersion);
    enterprise.recordPerformanceAssessment(command.assessment);
    return this.enterprises.save(enterprise, command.meta);
  }
}
