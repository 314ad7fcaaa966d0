import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
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

  async execute({
    props,
    meta,
  }: PublishPostResponsibilityListsCommand): Promise<CommandResult> {
    const { uscc, ...lists } = props;
    const enterprise = await this.enterprises.loadExisting(
      uscc,
      meta.expectedVersion,
    );
    enterprise.publishPostResponsibilityLists(lists);
    return this.enterprises.save(enterprise, meta);
  }
}
