import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  changeEnterprise,
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

  execute({
    props,
    meta,
  }: EnrollInResponsibilityProgramCommand): Promise<CommandResult> {
    return changeEnterprise(
      this.enterprises,
      props.uscc,
      meta,
      (enterprise) => {
        enterprise.enroll({ cohort: props.cohort });
      },
    );
  }
}
