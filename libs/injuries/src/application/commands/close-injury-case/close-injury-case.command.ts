import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class CloseInjuryCaseCommand extends Command<CommandResult> {
  constructor(
    readonly props: { claimId: string; reason?: string },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
