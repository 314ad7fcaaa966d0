import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import { InjuryCaseCommandHandlerBase } from '../injury-command.base.js';
import { CloseInjuryCaseCommand } from './close-injury-case.command.js';

@CommandHandler(CloseInjuryCaseCommand)
export class CloseInjuryCaseHandler
  extends InjuryCaseCommandHandlerBase
  implements ICommandHandler<CloseInjuryCaseCommand>
{
  execute({ props, meta }: CloseInjuryCaseCommand): Promise<CommandResult> {
    return this.run(props.claimId, meta, (c) => c.close(props.reason));
  }
}
