import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { UpdateEnterpriseProfileCommand } from './update-enterprise-profile.command.js';

@CommandHandler(UpdateEnterpriseProfileCommand)
export class UpdateEnterpriseProfileHandler implements ICommandHandler<UpdateEnterpriseProfileCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
  ) {}

  async execute({
    props,
    meta,
  }: UpdateEnterpriseProfileCommand): Promise<CommandResult> {
    const enterprise = await this.enterprises.loadExisting(
      props.uscc,
      meta.expectedVersion,
    );
    enterprise.updateProfile(props.changes);
    return this.enterprises.save(enterprise, meta);
  }
}
