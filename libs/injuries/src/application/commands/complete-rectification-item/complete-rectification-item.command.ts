import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class CompleteRectificationItemCommand extends Command<CommandResult> {
  constructor(
    readonly props: { claimId: string; itemId: string; evidenceRef: string },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
