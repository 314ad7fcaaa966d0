import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
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
    const enterprise = await this.enterprises.loadExisting(
      uscc,
      meta.expectedVersion,
    );
    enterprise.recordTraining(session);
    const result = await this.enterprises.save(enterprise, meta);
    return { ...result, sessionId: session.sessionId };
  }
}
