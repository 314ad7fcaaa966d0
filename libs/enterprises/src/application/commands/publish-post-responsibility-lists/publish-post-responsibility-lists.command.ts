import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';

export class PublishPostResponsibilityListsCommand extends Command<CommandResult> {
  constructor(
    readonly props: {
      uscc: string;
      postsTotal: number;
      postsCovered: number;
      employeesCovered: number;
    },
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
