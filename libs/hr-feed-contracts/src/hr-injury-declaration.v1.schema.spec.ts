import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HR_INJURY_DECLARATION_V1_SCHEMA } from './hr-injury-declaration.v1.schema.js';

const here = (name: string): string =>
  fileURLToPath(new URL(name, import.meta.url));
const copy = here('./hr-injury-declaration.v1.schema.json');

/** SHA-256 of the contract file as the HR bureau published it (docs/decisions/0011-hr-feed-validation.md). */
const PUBLISHED_V1_SHA256 =
  '049ddad68d6c7b188724172e441b5c984213bf261e31b59cde5062b5a0b8fc16';

describe('the embedded v1 schema', () => {
  it('is exactly the verbatim copy kept in the repository', () => {
    expect(HR_INJURY_DECLARATION_V1_SCHEMA).toEqual(
      JSON.parse(readFileSync(copy, 'utf8')),
    );
  });

  it('is byte for byte the contract the HR bureau published', () => {
    expect(createHash('sha256').update(readFileSync(copy)).digest('hex')).toBe(
      PUBLISHED_V1_SHA256,
    );
  });
});
