import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import type { RegisterEnterpriseInput } from '../../../domain/enterprise.aggregate.js';

export class RegisterEnterpriseCommand extends Command<
  CommandResult & { uscc: string }
> {
  constructor(
    readonly props: RegisterEnterpriseInput,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
