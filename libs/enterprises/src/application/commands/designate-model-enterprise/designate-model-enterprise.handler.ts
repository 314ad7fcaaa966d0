import { CommandHandler } from '@nestjs/cqrs';
import type { Enterprise } from '../../../domain/enterprise.aggregate.js';
import { EnterpriseChangeHandler } from '../enterprise-change.handler.js';
import { DesignateModelEnterpriseCommand } from './designate-model-enterprise.command.js';

@CommandHandler(DesignateModelEnterpriseCommand)
export class DesignateModelEnterpriseHandler extends EnterpriseChangeHandler<DesignateModelEnterpriseCommand> {
  protected change(
    enterprise: Enterprise,
    { props }: DesignateModelEnterpriseCommand,
  ): void {
    enterprise.designateModelEnterprise(
      { citation: props.citation },
      this.referenceData.components,
    );
  }
}
