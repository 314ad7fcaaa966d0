import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class EstablishSystemComponentCommand extends Command<CommandResult> {
  constructor(
    readonly uscc: string,
    readonly component: string,
    readonly evidenceRef: string,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
