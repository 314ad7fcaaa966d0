import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class ReviseAccidentCasualtiesCommand extends Command<CommandResult> {
  constructor(
    readonly props: {
      accidentId: string;
      deaths: number;
      seriousInjuries: number;
      minorInjuries: number;
      reason: string;
    },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
