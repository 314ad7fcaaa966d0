import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HR_INJURY_DECLARATION_V1_SCHEMA } from './hr-injury-declaration.v1.schema.js';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

describe('the embedded v1 schema', () => {
  it('is exactly the verbatim copy kept in the repository', () => {
    expect(HR_INJURY_DECLARATION_V1_SCHEMA).toEqual(readJson(here('./hr-injury-declaration.v1.schema.json')));
  });

  // Skipped only in a checkout without the specification beside it (../shared, present in CI and on
  // the developers' machines): the repository copy above is then the contract.
  const shared = here('../../../../shared/contracts/hr-injury-declaration.v1.schema.json');
  (existsSync(shared) ? it : it.skip)('is exactly the contract published in ../shared/contracts', () => {
    expect(HR_INJURY_DECLARATION_V1_SCHEMA).toEqual(readJson(shared));
  });
});
