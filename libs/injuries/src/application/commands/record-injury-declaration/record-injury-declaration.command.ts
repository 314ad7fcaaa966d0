import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '@app/shared-kernel';
import type { DeclarationOutcome } from '../../../domain/injury-case.aggregate.js';
import type { DeclarationInput } from '../../../domain/declaration-input.js';

/** What one declaration did to its case; `globalPosition` of its last event, absent for a duplicate. */
export interface RecordedInjuryDeclaration {
  claimId: string;
  outcome: DeclarationOutcome;
  globalPosition?: number;
}

/**
 * A validated, pseudonymised declaration of the HR feed, applied to its case: new → received,
 * changed → corrected, same → nothing, not-recognised → withdrawn. The handler attributes the zone,
 * leaves out an erased worker's personal fields and names the event ids from claimId + content hash +
 * declaration version, so a redelivered record never appends twice (docs/decisions/0247).
 */
export class RecordInjuryDeclarationCommand extends Command<RecordedInjuryDeclaration> {
  constructor(
    readonly props: Omit<DeclarationInput, 'zoneId'>,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
