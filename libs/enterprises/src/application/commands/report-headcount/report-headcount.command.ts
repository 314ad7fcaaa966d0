import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class ReportHeadcountCommand extends Command<CommandResult> {
  constructor(
    readonly props: {
      uscc: string;
      period: string;
      headcount: number;
      hoursWorked: number | null;
    },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
