import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
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

  async execute({
    props,
    meta,
  }: AssignGuidanceOfficerCommand): Promise<CommandResult> {
    const enterprise = await this.enterprises.loadExisting(
      props.uscc,
      meta.expectedVersion,
    );
    enterprise.assignGuidanceOfficer({ officerId: props.officerId });
    return this.enterprises.save(enterprise, meta);
  }
}
