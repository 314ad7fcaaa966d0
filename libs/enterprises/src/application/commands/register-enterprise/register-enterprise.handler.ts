import { Inject } from '@nestjs/common';
import {
  REFERENCE_DATA,
  assertValidUscc,
  type ReferenceData,
} from '@app/reference-data';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import { Enterprise } from '../../../domain/enterprise.aggregate.js';
import {
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { RegisterEnterpriseCommand } from './register-enterprise.command.js';

@CommandHandler(RegisterEnterpriseCommand)
export class RegisterEnterpriseHandler implements ICommandHandler<RegisterEnterpriseCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  async execute({
    props,
    meta,
  }: RegisterEnterpriseCommand): Promise<CommandResult & { uscc: string }> {
    assertValidUscc(props.uscc); // before any I/O: a malformed code names its failing position
    const existing = await this.enterprises.load(
      props.uscc,
      meta.expectedVersion,
    );
    const enterprise = Enterprise.register(props, {
      zones: this.referenceData.zones,
      existing,
    });
    const result = await this.enterprises.save(enterprise, meta);
    return { ...result, uscc: enterprise.uscc };
  }
}
