import { Inject } from '@nestjs/common';
import { REFERENCE_DATA, type ReferenceData } from '@app/reference-data';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { DesignateModelEnterpriseCommand } from './designate-model-enterprise.command.js';

@CommandHandler(DesignateModelEnterpriseCommand)
export class DesignateModelEnterpriseHandler implements ICommandHandler<DesignateModelEnterpriseCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  async execute({
    props,
    meta,
  }: DesignateModelEnterpriseCommand): Promise<CommandResult> {
    const enterprise = await this.enterprises.loadExisting(
      props.uscc,
      meta.expectedVersion,
    );
    enterprise.designateModelEnterprise(
      { citation: props.citation },
      this.referenceData.components,
    );
    return this.enterprises.save(enterprise, meta);
  }
}
