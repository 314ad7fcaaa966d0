import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class RaiseEnterpriseReviewFlagCommand extends Command<CommandResult & { raised: boolean }> {
  constructor(
    readonly uscc: string,
    readonly reason: string,
    /** What caused it, e.g. `injury-<claimId>` or `accident-<accidentId>`; one flag per sourceRef. */
    readonly sourceRef: string,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
