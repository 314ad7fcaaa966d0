import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import type { Enterprise } from '../domain/enterprise.aggregate.js';

/** Where Enterprise aggregates are loaded and saved (adapter: infrastructure/enterprise.repository.ts). */
export interface EnterpriseRepository {
  /** The enterprise's stream as it is (possibly empty); `expectedVersion` from If-Match. */
  load(uscc: string, expectedVersion?: bigint): Promise<Enterprise>;
  /** A registered enterprise, or ENTERPRISE_NOT_FOUND. */
  loadExisting(uscc: string, expectedVersion?: bigint): Promise<Enterprise>;
  /** Appends what the command raised; a registration that lost a race is ENTERPRISE_ALREADY_REGISTERED. */
  save(enterprise: Enterprise, meta: CommandMetadata): Promise<CommandResult>;
}

export const ENTERPRISE_REPOSITORY = Symbol('EnterpriseRepository');
