import type { StreamAppend } from '@app/event-store';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import type { InjuryCase } from '../domain/injury-case.aggregate.js';
import type { InjuryCaseEvent } from '../domain/injury-case.events.js';

/** Names an event's id from what the caller knows (feed content, a deadline), so a retry appends nothing twice. */
export type InjuryEventIdFor = (
  event: InjuryCaseEvent,
  index: number,
  versionBefore: bigint,
) => string;

/**
 * Where InjuryCase aggregates are loaded and saved, personal data sealed on the way in and opened on
 * the way out (adapter: infrastructure/injury-case.repository.ts).
 */
export interface InjuryCaseRepository {
  /** The case's stream as it is (new when empty); `expectedVersion` from If-Match. */
  load(claimId: string, expectedVersion?: bigint): Promise<InjuryCase>;
  /**
   * Appends the pending events with optimistic concurrency. `eventIdFor` names each event's id;
   * absent, the command's eventIdSeed does, else the store generates one.
   */
  save(
    claimId: string,
    injuryCase: InjuryCase,
    meta: CommandMetadata,
    eventIdFor?: InjuryEventIdFor,
  ): Promise<CommandResult>;
  /**
   * What `save` would append (the pending events, sealed and named), without appending it, for one
   * `appendToStreams` over several cases (docs/decisions/0173); undefined when nothing was raised.
   */
  pendingAppend(
    claimId: string,
    injuryCase: InjuryCase,
    meta: CommandMetadata,
    eventIdFor?: InjuryEventIdFor,
  ): Promise<StreamAppend | undefined>;
}

export const INJURY_CASE_REPOSITORY = Symbol('InjuryCaseRepository');
