import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import type { RootCauseCategory } from '../../../domain/injury-case.events.js';

export class RecordFollowUpVisitCommand extends Command<CommandResult> {
  constructor(
    readonly props: {
      claimId: string;
      /** The officer who made the visit; the acting user when absent. */
      officerId?: string;
      causeAnalysis: {
        accidentType: { standard: string; code: string };
        directCauses: string[];
        rootCauses: RootCauseCategory[];
        narrative: string;
      };
      recommendations: string[];
    },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
