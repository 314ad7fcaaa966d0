import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import { ENTERPRISE_REPOSITORY, type EnterpriseRepository } from '../../enterprise.repository.js';
import { PublishPostResponsibilityListsCommand } from './publish-post-responsibility-lists.command.js';

@CommandHandler(PublishPostResponsibilityListsCommand)
export class PublishPostResponsibilityListsHandler implements ICommandHandler<PublishPostResponsibilityListsCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY) private readonly enterprises: EnterpriseRepository,
  ) {}

  async execute(command: PublishPostResponsibilityListsCommand): Promise<CommandResult> {
    const enterprise = await this.enterprises.loadExisting(command.uscc, command.meta.expectedVersion);
    enterprise.publishPostResponsibilityLists(command.lists);
    return this.enterprises.save(enterprise, command.meta);
  }
}
