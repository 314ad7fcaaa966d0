import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import type { EnterpriseProfile } from '../../../domain/enterprise.events.js';

export class UpdateEnterpriseProfileCommand extends Command<CommandResult> {
  constructor(
    readonly props: { uscc: string; changes: Partial<EnterpriseProfile> },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
