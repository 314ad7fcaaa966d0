/**
 * Architectural boundaries (docs/conventions.md §1–2), enforced by `npm run lint`.
 * test/lint/boundary-rules.tool-spec.ts proves each rule fires on a violating fixture.
 */
const PACKAGES =
  '(@nestjs|typeorm|kafkajs|pg|pg-[a-z-]+|better-sqlite3|class-validator|class-transformer|@kurrent|express|ajv|ajv-formats|supertest)';
const FRAMEWORKS = `(^|/)node_modules/${PACKAGES}/|^${PACKAGES}(/|$)`;
// Spec files (unit, integration, e2e) may also use another library's test helpers, @app/<name>/testing.
const TEST_FILE = '\\.(spec|int-spec|e2e-spec)\\.ts$';
// Test code that is not a spec: a library's test helpers (src/testing/) and the scenarios specs share
// (*.scenario.ts). They may use another library's test helpers as specs do (docs/decisions/0267).
const TEST_CODE = `(${TEST_FILE}|\\.scenario\\.ts$|/src/testing/)`;
// A library's entries: its index, and where it has one its Nest edge src/nest/index.ts (docs/decisions/0245).
const LIB_INDEX = '^libs/[^/]+/src/(nest/)?index\\.ts$';
const LIB_TESTING_INDEX = '^libs/[^/]+/src/testing/index\\.ts$';

// Reached through any chain of imports from a domain/ file, each of these is an error (its own rule, so that
// the tooling test proves each one fires). A package matches resolved (node_modules/...) or unresolved.
const pkg = (name) => `(^|/)node_modules/${name}/|^${name}(/|$)`;
const DOMAIN_UNREACHABLE = [
  ['nestjs', pkg('@nestjs/[^/]+')],
  ['typeorm', pkg('typeorm')],
  ['kafkajs', pkg('kafkajs')],
  ['express', pkg('express')],
  ['class-validator', pkg('class-validator')],
  // Spec files beside domain code read their fixture files; the domain code itself never touches the disk.
  ['node-fs', '^(node:)?fs(/promises)?$', TEST_FILE],
];

module.exports = {
  forbidden: [
    {
      name: 'domain-is-framework-free',
      comment:
        'domain/ code imports no Nest, TypeORM, Kafka, database, HTTP or validation library',
      severity: 'error',
      from: { path: '(^|/)domain/' },
      to: { path: FRAMEWORKS },
    },
    {
      name: 'domain-is-framework-free-unresolved',
      comment:
        'the same rule when the package cannot be resolved from the file',
      severity: 'error',
      from: { path: '(^|/)domain/' },
      to: {
        couldNotResolve: true,
        path: '^(@nestjs|typeorm|kafkajs|pg|better-sqlite3|class-validator|class-transformer|@kurrent|express|ajv)',
      },
    },
    // --- Transitive framework-freedom of domain/ (docs/decisions/0246) ---------------------------------
    // The rules above see direct imports only; these follow every import (another library's index, a
    // shared helper) and fail when anything a domain/ file loads, however indirectly, is one of these.
    ...DOMAIN_UNREACHABLE.map(([name, pattern, exempt]) => ({
      name: `domain-reaches-no-${name}`,
      comment: `nothing a domain/ file imports, directly or transitively, loads ${name}`,
      severity: 'error',
      from: exempt
        ? { path: '(^|/)domain/', pathNot: exempt }
        : { path: '(^|/)domain/' },
      to: { path: pattern, reachable: true },
    })),
    {
      name: 'domain-depends-on-nothing-outer',
      comment:
        'domain/ does not reach into its own application, infrastructure or interface layers',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/domain/' },
      to: { path: '^libs/$1/src/(application|infrastructure|interface)/' },
    },
    {
      name: 'contexts-only-through-their-index',
      comment:
        'another library is imported as @app/<name> (its src/index.ts), never by a deep path',
      severity: 'error',
      from: { path: '^libs/([^/]+)/', pathNot: TEST_CODE },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/', LIB_INDEX] },
    },
    {
      name: 'contexts-only-through-their-index',
      comment:
        "test code may also import another library's @app/<name>/testing (its src/testing/index.ts)",
      severity: 'error',
      from: { path: `^libs/([^/]+)/.*${TEST_CODE}` },
      to: {
        path: '^libs/[^/]+/src/',
        pathNot: ['^libs/$1/', LIB_INDEX, LIB_TESTING_INDEX],
      },
    },
    {
      name: 'apps-use-libs-through-their-index',
      severity: 'error',
      from: { path: '^apps/', pathNot: TEST_FILE },
      to: { path: '^libs/[^/]+/src/', pathNot: LIB_INDEX },
    },
    {
      name: 'apps-use-libs-through-their-index',
      comment:
        'a spec file may also import @app/<name>/testing (src/testing/index.ts)',
      severity: 'error',
      from: { path: `^apps/.*${TEST_FILE}` },
      to: { path: '^libs/[^/]+/src/', pathNot: [LIB_INDEX, LIB_TESTING_INDEX] },
    },
    {
      name: 'test-helpers-only-in-tests',
      comment:
        "only spec files import another library's src/testing/ (test helpers use Jest globals and fakes)",
      severity: 'error',
      from: { path: '^(libs/[^/]+|apps)/', pathNot: TEST_CODE },
      to: { path: '^libs/[^/]+/src/testing/', pathNot: '^$1/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    // --- application depends on ports, not on its context's adapters (docs/decisions/0241) ---
    {
      name: 'application-does-not-import-infrastructure',
      comment:
        "application/ reaches its context's adapters only through ports it declares; infrastructure/ implements them (tests may wire adapters)",
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/application/', pathNot: TEST_FILE },
      to: { path: '^libs/$1/src/infrastructure/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // apps/dashboard is a browser app with its own type check (vue-tsc); it imports nothing from apps or libs.
    exclude: { path: ['(^|/)(dist|coverage)/', '^apps/dashboard/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
