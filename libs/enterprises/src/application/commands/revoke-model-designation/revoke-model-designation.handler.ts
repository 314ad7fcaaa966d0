import { CommandHandler } from '@nestjs/cqrs';
import type { Enterprise } from '../../../domain/enterprise.aggregate.js';
import { EnterpriseChangeHandler } from '../enterprise-change.handler.js';
import { RevokeModelDesignationCommand } from './revoke-model-designation.command.js';

@CommandHandler(RevokeModelDesignationCommand)
export class RevokeModelDesignationHandler extends EnterpriseChangeHandler<RevokeModelDesignationCommand> {
  protected change(
    enterprise: Enterprise,
    { props }: RevokeModelDesignationCommand,
  ): void {
    enterprise.revokeModelDesignation({ reason: props.reason });
  }
}
