// @ts-check
// The rule set of `nest new` (see docs/decisions/0260-eslint-and-prettier.md): ESLint's recommended rules and
// typescript-eslint's type-checked recommended rules, `no-explicit-any` off and `no-floating-promises` an
// error as in the Nest 12 template, plus `consistent-type-imports`. Formatting is Prettier's alone
// (`npm run format:check`), so eslint-config-prettier switches off every stylistic rule that could disagree.
import eslint from '@eslint/js';
import eslintConfigPrettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // .vue files: vue-tsc type-checks them in `npm run typecheck:dashboard`; linting them would need a
    // second parser stack (vue-eslint-parser + eslint-plugin-vue) for templates that hold no logic of note.
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      '**/*.vue',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'test/**/*.ts'],
    extends: [
      eslint.configs.recommended,
      ...tseslint.configs.recommendedTypeChecked,
      eslintConfigPrettier,
    ],
    languageOptions: {
      globals: { ...globals.node, ...globals.jest },
      sourceType: 'module',
      parserOptions: {
        // Each file is checked with the nearest tsconfig.json: the root one, or apps/dashboard's.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unsafe-argument': 'warn',
      // A leading underscore marks a binding kept on purpose (a property left out of a rest object, a
      // positional parameter a callback must accept).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Adapters over synchronous drivers (better-sqlite3) implement Promise-returning ports with `async`
      // methods so that a failure is a rejection, as the port promises, not a synchronous throw.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        // Nest reads constructor parameter types at run time (emitDecoratorMetadata): with that option the rule
        // leaves files that use decorators alone, so an injected class is never turned into a type import.
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
    },
  },
  {
    // Tests assert on HTTP bodies (supertest types them `any`) and on parsed JSON: the expectation is the type
    // check there, so the no-unsafe-* family, which would demand a cast before every assertion, stays off.
    files: [
      'test/**/*.ts',
      '**/*.spec.ts',
      '**/*-spec.ts',
      '**/*.scenario.ts',
      'libs/*/src/**/testing/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
