import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  changeEnterprise,
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

  execute({
    props,
    meta,
  }: UpdateEnterpriseProfileCommand): Promise<CommandResult> {
    return changeEnterprise(
      this.enterprises,
      props.uscc,
      meta,
      (enterprise) => {
        enterprise.updateProfile(props.changes);
      },
    );
  }
}
