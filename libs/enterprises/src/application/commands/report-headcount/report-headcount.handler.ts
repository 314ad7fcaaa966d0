import { CommandHandler } from '@nestjs/cqrs';
import type { Enterprise } from '../../../domain/enterprise.aggregate.js';
import { EnterpriseChangeHandler } from '../enterprise-change.handler.js';
import { ReportHeadcountCommand } from './report-headcount.command.js';

@CommandHandler(ReportHeadcountCommand)
export class ReportHeadcountHandler extends EnterpriseChangeHandler<ReportHeadcountCommand> {
  protected change(
    enterprise: Enterprise,
    { props }: ReportHeadcountCommand,
  ): void {
    enterprise.reportHeadcount({
      period: props.period,
      headcount: props.headcount,
      hoursWorked: props.hoursWorked,
    });
  }
}
