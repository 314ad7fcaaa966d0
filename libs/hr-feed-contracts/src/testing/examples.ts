import { readFileSync } from 'node:fs';

/** The raw text of one of the contract's example messages (src/examples/), as the HR bureau sends it. */
export const feedExample = (name: string): string =>
  readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8');
