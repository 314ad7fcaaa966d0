import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  changeEnterprise,
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { RecordGuidanceVisitCommand } from './record-guidance-visit.command.js';

@CommandHandler(RecordGuidanceVisitCommand)
export class RecordGuidanceVisitHandler implements ICommandHandler<RecordGuidanceVisitCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
  ) {}

  async execute({
    props,
    meta,
  }: RecordGuidanceVisitCommand): Promise<CommandResult & { visitId: string }> {
    const { uscc, ...visit } = props;
    const result = await changeEnterprise(
      this.enterprises,
      uscc,
      meta,
      (enterprise) => {
        // The visiting officer: as given, else the enterprise's assigned officer, else the actor.
        const officerId = visit.officerId ?? enterprise.officerId ?? meta.actor;
        enterprise.recordGuidanceVisit({ ...visit, officerId });
      },
    );
    return { ...result, visitId: visit.visitId };
  }
}
