import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
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

  async execute({
    props,
    meta,
  }: RevokeModelDesignationCommand): Promise<CommandResult> {
    const enterprise = await this.enterprises.loadExisting(
      props.uscc,
      meta.expectedVersion,
    );
    enterprise.revokeModelDesignation({ reason: props.reason });
    return this.enterprises.save(enterprise, meta);
  }
}
