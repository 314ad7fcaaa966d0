import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjuryCaseCommandHandlerBase } from '../injury-command.base.js';
import {
  OrderRectificationCommand,
  type OrderRectificationResult,
} from './order-rectification.command.js';

/** Items are numbered item-1, item-2, … in the order given (deterministic, no random ids). */
@CommandHandler(OrderRectificationCommand)
export class OrderRectificationHandler
  extends InjuryCaseCommandHandlerBase
  implements ICommandHandler<OrderRectificationCommand>
{
  async execute({
    props,
    meta,
  }: OrderRectificationCommand): Promise<OrderRectificationResult> {
    const items = props.items.map((item, i) => ({
      itemId: `item-${i + 1}`,
      description: item.description,
      dueBy: item.dueBy,
    }));
    const result = await this.run(props.claimId, meta, (c) =>
      c.orderRectification(items),
    );
    return { ...result, itemIds: items.map((i) => i.itemId) };
  }
}
