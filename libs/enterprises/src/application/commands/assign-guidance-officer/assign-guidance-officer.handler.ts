import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  changeEnterprise,
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { AssignGuidanceOfficerCommand } from './assign-guidance-officer.command.js';

@CommandHandler(AssignGuidanceOfficerCommand)
export class AssignGuidanceOfficerHandler implements ICommandHandler<AssignGuidanceOfficerCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
  ) {}

  execute({
    props,
    meta,
  }: AssignGuidanceOfficerCommand): Promise<CommandResult> {
    return changeEnterprise(
      this.enterprises,
      props.uscc,
      meta,
      (enterprise) => {
        enterprise.assignGuidanceOfficer({ officerId: props.officerId });
      },
    );
  }
}
