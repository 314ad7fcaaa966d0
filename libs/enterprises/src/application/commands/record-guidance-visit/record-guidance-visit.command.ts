import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class RecordGuidanceVisitCommand extends Command<
  CommandResult & { visitId: string }
> {
  constructor(
    readonly props: {
      uscc: string;
      visitId: string;
      officerId?: string;
      findings: string;
      nextSteps: string;
    },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
