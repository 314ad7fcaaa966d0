import { Inject } from '@nestjs/common';
import { REFERENCE_DATA, type ReferenceData } from '@app/reference-data';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import type { Enterprise } from '../../domain/enterprise.aggregate.js';
import {
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../enterprise.repository.js';

/**
 * Every command on a registered enterprise (all but registration and the review flag): load it at the
 * version If-Match named (or ENTERPRISE_NOT_FOUND), let the aggregate decide, append what it raised.
 * A handler names only the change.
 */
export abstract class EnterpriseChangeHandler<
  C extends { props: { uscc: string }; meta: CommandMetadata },
> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
    @Inject(REFERENCE_DATA) protected readonly referenceData: ReferenceData,
  ) {}

  protected abstract change(enterprise: Enterprise, command: C): void;

  async execute(command: C): Promise<CommandResult> {
    const enterprise = await this.enterprises.loadExisting(
      command.props.uscc,
      command.meta.expectedVersion,
    );
    this.change(enterprise, command);
    return this.enterprises.save(enterprise, command.meta);
  }
}
