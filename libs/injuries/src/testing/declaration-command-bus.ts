import type { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@app/event-store';
import { DEFAULT_REFERENCE_DATA } from '@app/reference-data';
import { RecordInjuryDeclarationCommand } from '../application/commands/record-injury-declaration/record-injury-declaration.command.js';
import { RecordInjuryDeclarationHandler } from '../application/commands/record-injury-declaration/record-injury-declaration.handler.js';
import { RecordInjuryDeclarationsCommand } from '../application/commands/record-injury-declaration/record-injury-declarations.command.js';
import { RecordInjuryDeclarationsHandler } from '../application/commands/record-injury-declaration/record-injury-declarations.handler.js';
import type { InjuriesOptions } from '../application/injuries.options.js';
import type { PersonalDataVault } from '../application/personal-data/personal-data-vault.js';
import { FatalInjuryReviewFlagProcessManager } from '../application/process-managers/fatal-injury-review-flag.process-manager.js';
import { FakeEnterpriseDirectory, FakeReviewFlagCommandBus } from './fakes.js';
import { injuryCaseRepository } from './personal-data.js';

/**
 * The CommandBus the feed sends its declarations through, for tests that build the feed by hand: the
 * real declaration handlers over this store and vault, enterprises registered in `zones`, review flags
 * sent to `reviewFlags`. Any other command fails loudly.
 */
export function declarationCommandBus(
  store: EventStore,
  vault: PersonalDataVault,
  {
    options,
    zones = {},
    reviewFlags = new FakeReviewFlagCommandBus(),
  }: {
    options: InjuriesOptions;
    zones?: Record<string, string>;
    reviewFlags?: FakeReviewFlagCommandBus;
  },
): CommandBus {
  const deps = [
    injuryCaseRepository(store, vault),
    store,
    DEFAULT_REFERENCE_DATA,
    options,
    new FakeEnterpriseDirectory(zones),
    vault,
    new FatalInjuryReviewFlagProcessManager(
      reviewFlags as unknown as CommandBus,
    ),
  ] as const;
  const one = new RecordInjuryDeclarationHandler(...deps);
  const run = new RecordInjuryDeclarationsHandler(...deps);
  const bus = {
    execute: async (command: unknown): Promise<unknown> => {
      if (command instanceof RecordInjuryDeclarationCommand)
        return one.execute(command);
      if (command instanceof RecordInjuryDeclarationsCommand)
        return run.execute(command);
      throw new Error('declarationCommandBus: unexpected command');
    },
  };
  return bus as unknown as CommandBus;
}
