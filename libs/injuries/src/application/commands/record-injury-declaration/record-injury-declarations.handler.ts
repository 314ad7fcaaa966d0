import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { StreamAppend } from '@app/event-store';
import type { CommandMetadata } from '@app/shared-kernel';
import {
  RecordInjuryDeclarationHandlerBase,
  type DecidedDeclaration,
} from './record-injury-declaration.base.js';
import type { RecordedInjuryDeclaration } from './record-injury-declaration.command.js';
import { RecordInjuryDeclarationsCommand } from './record-injury-declarations.command.js';

/**
 * At most about this many events in one multi-stream append (a longer run is recorded by several
 * commands): bounds the transaction, as the PostgreSQL group commit does (docs/decisions/0164).
 */
export const MAX_DECLARATION_RUN_EVENTS = 1000;

/**
 * A run of declarations: each decided against its case as RecordInjuryDeclarationHandler decides it,
 * with the same event ids, the events of the recorded prefix appended in one `appendToStreams`
 * (docs/decisions/0173), then the review flag of each, in order. No retry: a version conflict throws
 * with nothing stored, and the caller records the rest one declaration at a time.
 */
@CommandHandler(RecordInjuryDeclarationsCommand)
export class RecordInjuryDeclarationsHandler
  extends RecordInjuryDeclarationHandlerBase
  implements ICommandHandler<RecordInjuryDeclarationsCommand>
{
  async execute({
    props,
  }: RecordInjuryDeclarationsCommand): Promise<RecordedInjuryDeclaration[]> {
    const run: (DecidedDeclaration & {
      claimId: string;
      append: StreamAppend | undefined;
      meta: CommandMetadata;
    })[] = [];
    const claims = new Set<string>();
    let events = 0;
    for (const command of props.declarations) {
      const { claimId } = command.props;
      if (claims.has(claimId)) break;
      const declaration = await this.prepare(command);
      const injuryCase = await this.cases.load(claimId);
      const decided = this.decide(injuryCase, declaration);
      const append = await this.cases.pendingAppend(
        claimId,
        injuryCase,
        command.meta,
        decided.eventIdFor,
      );
      claims.add(claimId);
      events += append?.events.length ?? 0;
      run.push({ ...decided, claimId, append, meta: command.meta });
      if (events >= MAX_DECLARATION_RUN_EVENTS) break;
    }
    const appends = run.flatMap((d) => (d.append ? [d.append] : []));
    const results =
      appends.length > 0 ? await this.store.appendToStreams(appends) : [];
    const recorded: RecordedInjuryDeclaration[] = [];
    let r = 0;
    for (const d of run) {
      const result = d.append ? results[r++] : undefined;
      await this.afterStored(d.facts, d.meta);
      recorded.push({
        outcome: d.outcome,
        claimId: d.claimId,
        ...(result && d.outcome !== 'duplicate'
          ? { globalPosition: Number(result.lastGlobalPosition) }
          : {}),
      });
    }
    return recorded;
  }
}
