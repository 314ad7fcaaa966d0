import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class VerifyRectificationCommand extends Command<CommandResult> {
  constructor(
    /** officerId defaults to the acting user. */
    readonly props: { claimId: string; officerId?: string },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
