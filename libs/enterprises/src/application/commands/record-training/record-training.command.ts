import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import type { TrainingAudience } from '../../../domain/enterprise.events.js';

export class RecordTrainingCommand extends Command<
  CommandResult & { sessionId: string }
> {
  constructor(
    readonly props: {
      uscc: string;
      sessionId: string;
      audience: TrainingAudience;
      attendees: number;
      hours: number;
      bookletsDistributed: number;
    },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
