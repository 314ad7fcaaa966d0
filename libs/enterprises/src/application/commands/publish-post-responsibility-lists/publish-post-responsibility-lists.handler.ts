import { CommandHandler } from '@nestjs/cqrs';
import type { Enterprise } from '../../../domain/enterprise.aggregate.js';
import { EnterpriseChangeHandler } from '../enterprise-change.handler.js';
import { PublishPostResponsibilityListsCommand } from './publish-post-responsibility-lists.command.js';

@CommandHandler(PublishPostResponsibilityListsCommand)
export class PublishPostResponsibilityListsHandler extends EnterpriseChangeHandler<PublishPostResponsibilityListsCommand> {
  protected change(
    enterprise: Enterprise,
    { props }: PublishPostResponsibilityListsCommand,
  ): void {
    const { uscc: _uscc, ...lists } = props;
    enterprise.publishPostResponsibilityLists(lists);
  }
}
