import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class EstablishSystemComponentCommand extends Command<CommandResult> {
  constructor(
    readonly props: { uscc: string; component: string; evidenceRef: string },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
