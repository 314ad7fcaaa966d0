import { CommandHandler } from '@nestjs/cqrs';
import type { Enterprise } from '../../../domain/enterprise.aggregate.js';
import { EnterpriseChangeHandler } from '../enterprise-change.handler.js';
import { ReassignZoneCommand } from './reassign-zone.command.js';

@CommandHandler(ReassignZoneCommand)
export class ReassignZoneHandler extends EnterpriseChangeHandler<ReassignZoneCommand> {
  protected change(
    enterprise: Enterprise,
    { props, meta }: ReassignZoneCommand,
  ): void {
    enterprise.reassignZone(
      {
        toZoneId: props.toZoneId,
        reason: props.reason,
        effectiveAt: meta.effectiveAt,
      },
      this.referenceData.zones,
    );
  }
}
