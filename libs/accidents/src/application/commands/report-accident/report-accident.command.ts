import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export interface ReportAccidentResult extends CommandResult {
  accidentId: string;
}

export class ReportAccidentCommand extends Command<ReportAccidentResult> {
  constructor(
    readonly props: {
      accidentId: string;
      uscc?: string;
      zoneId?: string;
      occurredAt: string;
      accidentType: { standard: string; code: string };
      deaths: number;
      seriousInjuries: number;
      minorInjuries: number;
      directLossYuan: number;
      description: string;
    },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
