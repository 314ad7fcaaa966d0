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

/**
 * Every command on a registered enterprise: load it at the version If-Match named (or
 * ENTERPRISE_NOT_FOUND), let the aggregate decide, append what it raised.
 */
export async function changeEnterprise(
  enterprises: EnterpriseRepository,
  uscc: string,
  meta: CommandMetadata,
  change: (enterprise: Enterprise) => void,
): Promise<CommandResult> {
  const enterprise = await enterprises.loadExisting(uscc, meta.expectedVersion);
  change(enterprise);
  return enterprises.save(enterprise, meta);
}
