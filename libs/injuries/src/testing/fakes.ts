import { RaiseEnterpriseReviewFlagCommand } from '@app/enterprises';
import type { EnterpriseDirectory } from '../application/ports/enterprise-directory.port.js';
import type { InjuryCaseReadModel } from '../application/ports/injury-case-read-model.port.js';

export class FakeEnterpriseDirectory implements EnterpriseDirectory {
  constructor(private readonly zones: Record<string, string> = {}) {}
  async findZone(uscc: string): Promise<string | undefined> {
    return this.zones[uscc];
  }
}

/** A read model that only answers what a test set up, and fails loudly otherwise. */
export class FakeInjuryCaseReadModel implements InjuryCaseReadModel {
  dueBefore: string[] = [];
  async claimIdsWithFollowUpDueBefore(): Promise<string[]> {
    return this.dueBefore;
  }
  get(): never {
    throw new Error('FakeInjuryCaseReadModel.get is not expected here');
  }
  list(): never {
    throw new Error('FakeInjuryCaseReadModel.list is not expected here');
  }
  listUnmatched(): never {
    throw new Error(
      'FakeInjuryCaseReadModel.listUnmatched is not expected here',
    );
  }
  claimIdsOfFeedWeek(): never {
    throw new Error(
      'FakeInjuryCaseReadModel.claimIdsOfFeedWeek is not expected here',
    );
  }
}

/** Records the review flags the fatal-injury process manager asks for; fails loudly on anything else. */
export class FakeReviewFlagCommandBus {
  readonly executed: RaiseEnterpriseReviewFlagCommand[] = [];
  async execute(command: unknown): Promise<any> {
    if (!(command instanceof RaiseEnterpriseReviewFlagCommand))
      throw new Error('FakeReviewFlagCommandBus: unexpected command');
    this.executed.push(command);
    return {
      streamName: `enterprise-${command.props.uscc}`,
      streamPosition: 0,
      globalPosition: 0,
      raised: true,
    };
  }
}
