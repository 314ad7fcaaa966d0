import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class ReportHeadcountCommand extends Command<CommandResult> {
  constructor(
    readonly uscc: string,
    readonly period: string,
    readonly headcount: number,
    readonly hoursWorked: number | null,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
