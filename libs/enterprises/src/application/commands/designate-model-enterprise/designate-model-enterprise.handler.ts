import { Inject } from '@nestjs/common';
import { REFERENCE_DATA, type ReferenceData } from '@app/reference-data';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  changeEnterprise,
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

  execute({
    props,
    meta,
  }: DesignateModelEnterpriseCommand): Promise<CommandResult> {
    return changeEnterprise(
      this.enterprises,
      props.uscc,
      meta,
      (enterprise) => {
        enterprise.designateModelEnterprise(
          { citation: props.citation },
          this.referenceData.components,
        );
      },
    );
  }
}
