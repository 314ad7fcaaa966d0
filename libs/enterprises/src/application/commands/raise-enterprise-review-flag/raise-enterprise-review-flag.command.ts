import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class RaiseEnterpriseReviewFlagCommand extends Command<
  CommandResult & { raised: boolean }
> {
  constructor(
    readonly props: {
      uscc: string;
      reason: string;
      /** What caused it, e.g. `injury-<claimId>` or `accident-<accidentId>`; one flag per sourceRef. */
      sourceRef: string;
    },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
