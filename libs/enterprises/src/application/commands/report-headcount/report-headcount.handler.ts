import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  changeEnterprise,
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { ReportHeadcountCommand } from './report-headcount.command.js';

@CommandHandler(ReportHeadcountCommand)
export class ReportHeadcountHandler implements ICommandHandler<ReportHeadcountCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
  ) {}

  execute({ props, meta }: ReportHeadcountCommand): Promise<CommandResult> {
    return changeEnterprise(
      this.enterprises,
      props.uscc,
      meta,
      (enterprise) => {
        enterprise.reportHeadcount({
          period: props.period,
          headcount: props.headcount,
          hoursWorked: props.hoursWorked,
        });
      },
    );
  }
}
