import { CommandHandler } from '@nestjs/cqrs';
import type { Enterprise } from '../../../domain/enterprise.aggregate.js';
import { EnterpriseChangeHandler } from '../enterprise-change.handler.js';
import { AssignGuidanceOfficerCommand } from './assign-guidance-officer.command.js';

@CommandHandler(AssignGuidanceOfficerCommand)
export class AssignGuidanceOfficerHandler extends EnterpriseChangeHandler<AssignGuidanceOfficerCommand> {
  protected change(
    enterprise: Enterprise,
    { props }: AssignGuidanceOfficerCommand,
  ): void {
    enterprise.assignGuidanceOfficer({ officerId: props.officerId });
  }
}
