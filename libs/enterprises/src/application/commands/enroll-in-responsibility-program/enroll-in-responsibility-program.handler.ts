import { CommandHandler } from '@nestjs/cqrs';
import type { Enterprise } from '../../../domain/enterprise.aggregate.js';
import { EnterpriseChangeHandler } from '../enterprise-change.handler.js';
import { EnrollInResponsibilityProgramCommand } from './enroll-in-responsibility-program.command.js';

@CommandHandler(EnrollInResponsibilityProgramCommand)
export class EnrollInResponsibilityProgramHandler extends EnterpriseChangeHandler<EnrollInResponsibilityProgramCommand> {
  protected change(
    enterprise: Enterprise,
    { props }: EnrollInResponsibilityProgramCommand,
  ): void {
    enterprise.enroll({ cohort: props.cohort });
  }
}
