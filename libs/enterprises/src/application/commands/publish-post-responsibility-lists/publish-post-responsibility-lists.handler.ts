import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  changeEnterprise,
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { PublishPostResponsibilityListsCommand } from './publish-post-responsibility-lists.command.js';

@CommandHandler(PublishPostResponsibilityListsCommand)
export class PublishPostResponsibilityListsHandler implements ICommandHandler<PublishPostResponsibilityListsCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
  ) {}

  execute({
    props,
    meta,
  }: PublishPostResponsibilityListsCommand): Promise<CommandResult> {
    const { uscc, ...lists } = props;
    return changeEnterprise(this.enterprises, uscc, meta, (enterprise) => {
      enterprise.publishPostResponsibilityLists(lists);
    });
  }
}
