import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import { InjuryCaseCommandHandlerBase } from '../injury-command.base.js';
import { CompleteRectificationItemCommand } from './complete-rectification-item.command.js';

@CommandHandler(CompleteRectificationItemCommand)
export class CompleteRectificationItemHandler
  extends InjuryCaseCommandHandlerBase
  implements ICommandHandler<CompleteRectificationItemCommand>
{
  execute({
    props,
    meta,
  }: CompleteRectificationItemCommand): Promise<CommandResult> {
    return this.run(props.claimId, meta, (c) =>
      c.completeRectificationItem(props.itemId, props.evidenceRef),
    );
  }
}
