import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  changeEnterprise,
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { RecordTrainingCommand } from './record-training.command.js';

@CommandHandler(RecordTrainingCommand)
export class RecordTrainingHandler implements ICommandHandler<RecordTrainingCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
  ) {}

  async execute({
    props,
    meta,
  }: RecordTrainingCommand): Promise<CommandResult & { sessionId: string }> {
    const { uscc, ...session } = props;
    const result = await changeEnterprise(
      this.enterprises,
      uscc,
      meta,
      (enterprise) => {
        enterprise.recordTraining(session);
      },
    );
    return { ...result, sessionId: session.sessionId };
  }
}
