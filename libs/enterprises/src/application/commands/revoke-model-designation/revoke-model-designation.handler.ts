import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  changeEnterprise,
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { RevokeModelDesignationCommand } from './revoke-model-designation.command.js';

@CommandHandler(RevokeModelDesignationCommand)
export class RevokeModelDesignationHandler implements ICommandHandler<RevokeModelDesignationCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
  ) {}

  execute({
    props,
    meta,
  }: RevokeModelDesignationCommand): Promise<CommandResult> {
    return changeEnterprise(
      this.enterprises,
      props.uscc,
      meta,
      (enterprise) => {
        enterprise.revokeModelDesignation({ reason: props.reason });
      },
    );
  }
}
