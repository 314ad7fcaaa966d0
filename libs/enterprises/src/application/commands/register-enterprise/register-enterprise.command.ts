import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/event-store';
import type { RegisterEnterpriseInput } from '../../../domain/enterprise.aggregate.js';

export class RegisterEnterpriseCommand extends Command<CommandResult & { uscc: string }> {
  constructor(
    readonly input: RegisterEnterpriseInput,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
