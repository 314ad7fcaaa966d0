import { Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import type { InjuryCase } from '../../domain/injury-case.aggregate.js';
import { InjuryCaseRepository } from '../injury-case.repository.js';
import { PersonalDataVault } from '../personal-data/personal-data-vault.js';

/** Load the case (honouring If-Match), run one aggregate command, append what it raised. */
export abstract class InjuryCaseCommandHandlerBase {
  protected readonly cases: InjuryCaseRepository;

  constructor(@Inject(EVENT_STORE) store: EventStore, vault: PersonalDataVault) {
    this.cases = new InjuryCaseRepository(store, vault);
  }

  protected async run(claimId: string, meta: CommandMetadata, command: (c: InjuryCase) => void): Promise<CommandResult> {
    const injuryCase = await this.cases.load(claimId, meta.expectedVersion);
    command(injuryCase);
    return this.cases.save(claimId, injuryCase, meta);
  }
}
