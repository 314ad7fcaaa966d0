import { CommandHandler } from '@nestjs/cqrs';
import type { Enterprise } from '../../../domain/enterprise.aggregate.js';
import { EnterpriseChangeHandler } from '../enterprise-change.handler.js';
import { EstablishSystemComponentCommand } from './establish-system-component.command.js';

@CommandHandler(EstablishSystemComponentCommand)
export class EstablishSystemComponentHandler extends EnterpriseChangeHandler<EstablishSystemComponentCommand> {
  protected change(
    enterprise: Enterprise,
    { props }: EstablishSystemComponentCommand,
  ): void {
    enterprise.establishSystemComponent(
      { component: props.component, evidenceRef: props.evidenceRef },
      this.referenceData.components,
    );
  }
}
