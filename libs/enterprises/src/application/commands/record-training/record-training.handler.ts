import { CommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import type { Enterprise } from '../../../domain/enterprise.aggregate.js';
import { EnterpriseChangeHandler } from '../enterprise-change.handler.js';
import { RecordTrainingCommand } from './record-training.command.js';

@CommandHandler(RecordTrainingCommand)
export class RecordTrainingHandler extends EnterpriseChangeHandler<RecordTrainingCommand> {
  protected change(
    enterprise: Enterprise,
    { props }: RecordTrainingCommand,
  ): void {
    const { uscc: _uscc, ...session } = props;
    enterprise.recordTraining(session);
  }

  override async execute(
    command: RecordTrainingCommand,
  ): Promise<CommandResult & { sessionId: string }> {
    const result = await super.execute(command);
    return { ...result, sessionId: command.props.sessionId };
  }
}
