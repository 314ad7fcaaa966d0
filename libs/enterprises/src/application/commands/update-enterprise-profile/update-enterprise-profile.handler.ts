import { CommandHandler } from '@nestjs/cqrs';
import type { Enterprise } from '../../../domain/enterprise.aggregate.js';
import { EnterpriseChangeHandler } from '../enterprise-change.handler.js';
import { UpdateEnterpriseProfileCommand } from './update-enterprise-profile.command.js';

@CommandHandler(UpdateEnterpriseProfileCommand)
export class UpdateEnterpriseProfileHandler extends EnterpriseChangeHandler<UpdateEnterpriseProfileCommand> {
  protected change(
    enterprise: Enterprise,
    { props }: UpdateEnterpriseProfileCommand,
  ): void {
    enterprise.updateProfile(props.changes);
  }
}
