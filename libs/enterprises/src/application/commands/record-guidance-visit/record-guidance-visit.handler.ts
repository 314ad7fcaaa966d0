import { CommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import type { Enterprise } from '../../../domain/enterprise.aggregate.js';
import { EnterpriseChangeHandler } from '../enterprise-change.handler.js';
import { RecordGuidanceVisitCommand } from './record-guidance-visit.command.js';

@CommandHandler(RecordGuidanceVisitCommand)
export class RecordGuidanceVisitHandler extends EnterpriseChangeHandler<RecordGuidanceVisitCommand> {
  protected change(
    enterprise: Enterprise,
    { props, meta }: RecordGuidanceVisitCommand,
  ): void {
    const { uscc: _uscc, ...visit } = props;
    // The visiting officer: as given, else the enterprise's assigned officer, else the actor.
    const officerId = visit.officerId ?? enterprise.officerId ?? meta.actor;
    enterprise.recordGuidanceVisit({ ...visit, officerId });
  }

  override async execute(
    command: RecordGuidanceVisitCommand,
  ): Promise<CommandResult & { visitId: string }> {
    const result = await super.execute(command);
    return { ...result, visitId: command.props.visitId };
  }
}
