// Test tiers (docs/conventions.md §13). Each project is one tier; `npm test` runs the ones that need no
// external service, `npm run test:integration` the ones that need PostgreSQL and Kafka.
const common = {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    // A library's second entries: its test helpers, and its Nest edge kept apart from a pure domain entry.
    '^@app/([a-z-]+)/(testing|nest)$': '<rootDir>/libs/$1/src/$2/index.ts',
    '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
// Suites that boot the service or talk to a database: a loaded 2-core machine can take far longer than
// jest's 5 s default without anything being wrong. Speed is measured by the benchmarks, not by timeouts.
const io = { ...common, testTimeout: 60_000 };

export default {
  // Jest 30 takes testTimeout from the global configuration only; the per-project value above documents
  // which suites need it, this line makes it apply.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
    },
    {
      ...io,
      displayName: 'sqlite',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.sqlite.int-spec.ts'],
    },
    {
      ...io,
      displayName: 'tooling',
      testMatch: ['<rootDir>/test/**/*.tool-spec.ts'],
    },
    {
      ...io,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'],
    },
    {
      ...io,
      displayName: 'postgres',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.pg.int-spec.ts'],
    },
    {
      ...io,
      displayName: 'kafka',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.kafka.int-spec.ts'],
    },
    {
      ...io,
      displayName: 'kurrentdb',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.kurrentdb.int-spec.ts'],
    },
    // Needs Debian's chromium (npm run test:browser; .ci/run installs it), so not part of `npm test`.
    {
      ...io,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
    },
    {
      ...common,
      displayName: 'bench',
      testMatch: ['<rootDir>/test/bench/**/*.bench.ts'],
    },
  ],
};
