import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export interface OrderRectificationResult extends CommandResult {
  itemIds: string[];
}

export class OrderRectificationCommand extends Command<OrderRectificationResult> {
  constructor(
    readonly props: {
      claimId: string;
      items: { description: string; dueBy: string }[];
    },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
