import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class DesignateModelEnterpriseCommand extends Command<CommandResult> {
  constructor(
    readonly props: { uscc: string; citation: string },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
