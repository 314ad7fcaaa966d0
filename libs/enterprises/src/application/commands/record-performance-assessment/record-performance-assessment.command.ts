import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class RecordPerformanceAssessmentCommand extends Command<CommandResult> {
  constructor(
    readonly props: {
      uscc: string;
      period: string;
      postsAssessed: number;
      postsPassed: number;
      rewards: number;
      penalties: number;
      hazardsReportedByStaff: number;
    },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
