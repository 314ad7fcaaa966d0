import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import type { Accident } from '../domain/accident.aggregate.js';

/** Where Accident aggregates are loaded and saved (adapter: infrastructure/accident.repository.ts). */
export interface AccidentRepository {
  /** The accident's stream as it is (new when empty); `expectedVersion` from If-Match. */
  load(accidentId: string, expectedVersion?: bigint): Promise<Accident>;
  save(
    accidentId: string,
    accident: Accident,
    meta: CommandMetadata,
  ): Promise<CommandResult>;
}

export const ACCIDENT_REPOSITORY = Symbol('AccidentRepository');
