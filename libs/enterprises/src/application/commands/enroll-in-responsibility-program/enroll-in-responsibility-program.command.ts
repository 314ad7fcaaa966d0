import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import type { Cohort } from '../../../domain/enterprise.events.js';

export class EnrollInResponsibilityProgramCommand extends Command<CommandResult> {
  constructor(
    readonly props: { uscc: string; cohort: Cohort },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
