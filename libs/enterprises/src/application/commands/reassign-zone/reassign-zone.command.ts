import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class ReassignZoneCommand extends Command<CommandResult> {
  constructor(
    readonly props: { uscc: string; toZoneId: string; reason: string },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
