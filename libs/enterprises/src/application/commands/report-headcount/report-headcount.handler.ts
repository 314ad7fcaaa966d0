import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
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

  async execute({
    props,
    meta,
  }: ReportHeadcountCommand): Promise<CommandResult> {
    const enterprise = await this.enterprises.loadExisting(
      props.uscc,
      meta.expectedVersion,
    );
    enterprise.reportHeadcount({
      period: props.period,
      headcount: props.headcount,
      hoursWorked: props.hoursWorked,
    });
    return this.enterprises.save(enterprise, meta);
  }
}
