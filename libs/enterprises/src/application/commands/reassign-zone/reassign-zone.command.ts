import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class ReassignZoneCommand extends Command<CommandResult> {
  constructor(
    readonly uscc: string,
    readonly toZoneId: string,
    readonly reason: string,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
