import { Inject } from '@nestjs/common';
import { REFERENCE_DATA, type ReferenceData } from '@app/reference-data';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  changeEnterprise,
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { EstablishSystemComponentCommand } from './establish-system-component.command.js';

@CommandHandler(EstablishSystemComponentCommand)
export class EstablishSystemComponentHandler implements ICommandHandler<EstablishSystemComponentCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  execute({
    props,
    meta,
  }: EstablishSystemComponentCommand): Promise<CommandResult> {
    return changeEnterprise(
      this.enterprises,
      props.uscc,
      meta,
      (enterprise) => {
        enterprise.establishSystemComponent(
          { component: props.component, evidenceRef: props.evidenceRef },
          this.referenceData.components,
        );
      },
    );
  }
}
