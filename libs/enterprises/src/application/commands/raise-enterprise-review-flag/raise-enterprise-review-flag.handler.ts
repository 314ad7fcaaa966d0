import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { RaiseEnterpriseReviewFlagCommand } from './raise-enterprise-review-flag.command.js';

@CommandHandler(RaiseEnterpriseReviewFlagCommand)
export class RaiseEnterpriseReviewFlagHandler implements ICommandHandler<RaiseEnterpriseReviewFlagCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
  ) {}

  async execute({
    props,
    meta,
  }: RaiseEnterpriseReviewFlagCommand): Promise<
    CommandResult & { raised: boolean }
  > {
    // Sent by the injuries and accidents contexts on a fatal case. An unregistered enterprise (a
    // declaration attributed to 'unassigned') cannot be a model enterprise: nothing to flag.
    const enterprise = await this.enterprises.load(
      props.uscc,
      meta.expectedVersion,
    );
    if (enterprise.isRegistered)
      enterprise.raiseReviewFlag({
        reason: props.reason,
        sourceRef: props.sourceRef,
      });
    const result = await this.enterprises.save(enterprise, meta);
    return {
      ...result,
      raised: result.streamPosition > Number(enterprise.version),
    };
  }
}
