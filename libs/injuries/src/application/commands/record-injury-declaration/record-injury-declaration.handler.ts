import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StreamVersionConflictError } from '@app/event-store';
import { RecordInjuryDeclarationHandlerBase } from './record-injury-declaration.base.js';
import {
  RecordInjuryDeclarationCommand,
  type RecordedInjuryDeclaration,
} from './record-injury-declaration.command.js';

const MAX_CONFLICT_RETRIES = 3;

/** One declaration: load the case, decide, save; another writer meanwhile → reload and decide again. */
@CommandHandler(RecordInjuryDeclarationCommand)
export class RecordInjuryDeclarationHandler
  extends RecordInjuryDeclarationHandlerBase
  implements ICommandHandler<RecordInjuryDeclarationCommand>
{
  async execute(
    command: RecordInjuryDeclarationCommand,
  ): Promise<RecordedInjuryDeclaration> {
    const { meta } = command;
    const declaration = await this.prepare(command);
    const { claimId } = declaration;
    for (let attempt = 1; ; attempt++) {
      const injuryCase = await this.cases.load(claimId);
      const { outcome, eventIdFor, facts } = this.decide(
        injuryCase,
        declaration,
      );
      try {
        const result = await this.cases.save(
          claimId,
          injuryCase,
          meta,
          eventIdFor,
        );
        await this.afterStored(facts, meta);
        return {
          outcome,
          claimId,
          ...(outcome !== 'duplicate'
            ? { globalPosition: result.globalPosition }
            : {}),
        };
      } catch (error) {
        // Another consumer appended to this stream meanwhile: reload and decide again.
        if (
          error instanceof StreamVersionConflictError &&
          attempt < MAX_CONFLICT_RETRIES
        )
          continue;
        throw error;
      }
    }
  }
}
