import { Command } from '@nestjs/cqrs';
import type {
  RecordedInjuryDeclaration,
  RecordInjuryDeclarationCommand,
} from './record-injury-declaration.command.js';

/**
 * A run of declarations of one feed batch, in order, each with its own metadata, decided as
 * RecordInjuryDeclarationCommand decides them and appended in ONE `appendToStreams`
 * (docs/decisions/0173). The handler records a prefix of the run and answers its outcomes in order: it
 * stops before a case already in the prefix (whose next declaration must be decided on the stored
 * events) and at about MAX_DECLARATION_RUN_EVENTS events; the caller sends the rest in another command.
 * When it throws (a version conflict, a refusal, the store down) nothing of the prefix is stored.
 */
export class RecordInjuryDeclarationsCommand extends Command<
  RecordedInjuryDeclaration[]
> {
  constructor(
    readonly props: { declarations: readonly RecordInjuryDeclarationCommand[] },
  ) {
    super();
  }
}
