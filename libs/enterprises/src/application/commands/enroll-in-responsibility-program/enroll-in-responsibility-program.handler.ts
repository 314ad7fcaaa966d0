import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { EnrollInResponsibilityProgramCommand } from './enroll-in-responsibility-program.command.js';

@CommandHandler(EnrollInResponsibilityProgramCommand)
export class EnrollInResponsibilityProgramHandler implements ICommandHandler<EnrollInResponsibilityProgramCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
  ) {}

  async execute({
    props,
    meta,
  }: EnrollInResponsibilityProgramCommand): Promise<CommandResult> {
    const enterprise = await this.enterprises.loadExisting(
      props.uscc,
      meta.expectedVersion,
    );
    enterprise.enroll({ cohort: props.cohort });
    return this.enterprises.save(enterprise, meta);
  }
}
