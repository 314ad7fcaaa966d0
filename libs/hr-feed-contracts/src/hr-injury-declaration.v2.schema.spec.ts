import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HR_INJURY_DECLARATION_V1_SCHEMA } from './hr-injury-declaration.v1.schema.js';
import { HR_INJURY_DECLARATION_V2_SCHEMA } from './hr-injury-declaration.v2.schema.js';
import { ISO_WEEK_PATTERN } from '@app/shared-kernel';

const readJson = (name: string): unknown =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(name, import.meta.url)), 'utf8'),
  );

describe('the embedded v2 schema', () => {
  it('is exactly the contract file handed to HR', () => {
    expect(HR_INJURY_DECLARATION_V2_SCHEMA).toEqual(
      readJson('./hr-injury-declaration.v2.schema.json'),
    );
  });

  // The contract's text is HR's; the rule the service checks is the kernel's: they must say the same.
  it("gives the feed week the service's ISO week pattern", () => {
    expect(HR_INJURY_DECLARATION_V2_SCHEMA.$defs.feedWeek.pattern).toBe(
      ISO_WEEK_PATTERN.source,
    );
  });

  it('differs from v1 only in ids, texts, schemaVersion and the injury natures', () => {
    const strip = (schema: unknown) => {
      const copy = JSON.parse(JSON.stringify(schema));
      for (const key of ['$id', 'title', 'description']) delete copy[key];
      delete copy.$defs.declaration.properties.schemaVersion;
      delete copy.$defs.declaration.properties.injuryNature;
      delete copy.$defs.declaration.properties.accidentType.properties.code
        .description;
      delete copy.$defs.manifest.properties.schemaVersion;
      return copy;
    };
    expect(strip(HR_INJURY_DECLARATION_V2_SCHEMA)).toEqual(
      strip(HR_INJURY_DECLARATION_V1_SCHEMA),
    );
  });
});
