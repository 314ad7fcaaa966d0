import { PersonalDataVault } from '../application/personal-data/personal-data-vault.js';
import { SqlitePersonalDataKeys } from '../infrastructure/personal-data/sqlite-personal-data-keys.js';

/** The vault over the real SQLite key table on a private in-memory database. */
export function inMemoryVault(): PersonalDataVault {
  return new PersonalDataVault(new SqlitePersonalDataKeys(':memory:'));
}
