import type { EventStore } from '@app/event-store';
import { PersonalDataVault } from '../application/personal-data/personal-data-vault.js';
import { EventStoreInjuryCaseRepository } from '../infrastructure/injury-case.repository.js';
import { SqlitePersonalDataKeys } from '../infrastructure/personal-data/sqlite-personal-data-keys.js';

/** The vault over the real SQLite key table on a private in-memory database. */
export function inMemoryVault(): PersonalDataVault {
  return new PersonalDataVault(new SqlitePersonalDataKeys(':memory:'));
}

/** The case repository the app wires (event store + vault), for tests that build handlers by hand. */
export function injuryCaseRepository(
  store: EventStore,
  vault: PersonalDataVault,
): EventStoreInjuryCaseRepository {
  return new EventStoreInjuryCaseRepository(store, vault);
}
