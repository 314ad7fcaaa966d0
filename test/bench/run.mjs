// `npm run bench` runs every benchmark; `npm run bench -- append read` only those named. A benchmark is
// a file test/bench/<name>.bench.ts (a Jest test file in the `bench` project, never run by `npm test`);
// sizes come from BENCH_* environment variables (test/bench/README.md).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const available = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.slice(0, -'.bench.ts'.length))
  .sort();
const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = asked.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`,
  );
  process.exit(2);
}
const names = asked.length > 0 ? asked : available;
let failed = false;
for (const name of names) {
  // One Jest run per benchmark, in order: they must not compete for the two cores.
  const file = `test/bench/${name}.bench.ts`;
  console.log(`\n# bench ${name} (${file})`);
  const result = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      'node_modules/jest/bin/jest.js',
      '--selectProjects',
      'bench',
      '--runInBand',
      '--silent=false',
      `--testPathPatterns=${file.replace(/\./g, '\\.')}$`,
    ],
    { cwd: root, stdio: 'inherit', env: process.env },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
