import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class AssignGuidanceOfficerCommand extends Command<CommandResult> {
  constructor(
    readonly props: { uscc: string; officerId: string },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
