import { CommandHandler } from '@nestjs/cqrs';
import type { Enterprise } from '../../../domain/enterprise.aggregate.js';
import { EnterpriseChangeHandler } from '../enterprise-change.handler.js';
import { RecordPerformanceAssessmentCommand } from './record-performance-assessment.command.js';

@CommandHandler(RecordPerformanceAssessmentCommand)
export class RecordPerformanceAssessmentHandler extends EnterpriseChangeHandler<RecordPerformanceAssessmentCommand> {
  protected change(
    enterprise: Enterprise,
    { props }: RecordPerformanceAssessmentCommand,
  ): void {
    const { uscc: _uscc, ...assessment } = props;
    enterprise.recordPerformanceAssessment(assessment);
  }
}
