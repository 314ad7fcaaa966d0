import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class RevokeModelDesignationCommand extends Command<CommandResult> {
  constructor(
    readonly props: { uscc: string; reason: string },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
