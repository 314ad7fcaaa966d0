import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class AssignGuidanceOfficerCommand extends Command<CommandResult> {
  constructor(
    readonly uscc: string,
    readonly officerId: string,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
