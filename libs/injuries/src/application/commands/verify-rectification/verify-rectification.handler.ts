import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import { InjuryCaseCommandHandlerBase } from '../injury-command.base.js';
import { VerifyRectificationCommand } from './verify-rectification.command.js';

@CommandHandler(VerifyRectificationCommand)
export class VerifyRectificationHandler
  extends InjuryCaseCommandHandlerBase
  implements ICommandHandler<VerifyRectificationCommand>
{
  execute({ props, meta }: VerifyRectificationCommand): Promise<CommandResult> {
    return this.run(props.claimId, meta, (c) =>
      c.verifyRectification(props.officerId ?? meta.actor),
    );
  }
}
