import { Inject } from '@nestjs/common';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import type { InjuryCase } from '../../domain/injury-case.aggregate.js';
import {
  INJURY_CASE_REPOSITORY,
  type InjuryCaseRepository,
} from '../injury-case.repository.js';

/** Load the case (honouring If-Match), run one aggregate command, append what it raised. */
export abstract class InjuryCaseCommandHandlerBase {
  constructor(
    @Inject(INJURY_CASE_REPOSITORY)
    protected readonly cases: InjuryCaseRepository,
  ) {}

  protected async run(
    claimId: string,
    meta: CommandMetadata,
    command: (c: InjuryCase) => void,
  ): Promise<CommandResult> {
    const injuryCase = await this.cases.load(claimId, meta.expectedVersion);
    command(injuryCase);
    return this.cases.save(claimId, injuryCase, meta);
  }
}
