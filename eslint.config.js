// ESLint over the whole project with typescript-eslint's type-aware rules. Formatting is Prettier's.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * What may import what: each kind of import a folder must not make, as a pattern on the import's
 * specifier (relative paths, so `../core/` from mocks/spec is mocks/core). Static imports and
 * `import type` are checked; the core has no dynamic import().
 */
const forbidden = {
  node: {
    regex: '^node:',
    message: 'The core runs in a browser too: only adapters and platform-bound stores may import from node:.',
  },
  msw: { regex: '^(msw|msw/.*)$', message: 'MSW is an adapter concern: keep it in mocks/adapters/msw.' },
  adapters: {
    regex: '^\\.{1,2}/(.+/)?adapters/',
    message: 'Adapters import the core, never the reverse: nothing outside mocks/adapters knows them.',
  },
  vendors: {
    regex: '^\\.{1,2}/(.+/)?(vendors/|builtInVendors(\\.js)?$)',
    message:
      'The core knows no vendor: vendors import the core and reach it through createMockCore({ vendors }); the composition root is mocks/builtInVendors.ts.',
  },
  recording: {
    regex: '^\\.{1,2}/(.+/)?recording/',
    message: 'Recording and replay sit on top of the mock: the core does not import them.',
  },
  core: {
    regex: '^\\.{1,2}/(.+/)?core/',
    message: 'The spec module is read by the core, not the reverse: mocks/spec imports nothing from mocks/core.',
  },
};
const { node, msw, adapters, vendors, recording, core } = forbidden;

/** The boundary table: a folder, and what it must not import. */
const boundaries = [
  { folder: 'mocks/core', mustNotImport: [node, msw, adapters, vendors, recording] },
  { folder: 'mocks/spec', mustNotImport: [node, msw, adapters, vendors, core] },
  { folder: 'mocks/jobs', mustNotImport: [node, msw, adapters, vendors] },
  { folder: 'mocks/parsing', mustNotImport: [node, msw, adapters, vendors] },
  { folder: 'mocks/replay', mustNotImport: [node, msw, adapters, vendors] },
  { folder: 'mocks/state', mustNotImport: [node, msw, adapters, vendors] },
  { folder: 'mocks/vendors', mustNotImport: [node, msw, adapters] },
  { folder: 'generators', mustNotImport: [adapters] },
  { folder: 'contracts', mustNotImport: [adapters] },
];

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'openapi/generated/**',
      'examples/import-ui/public/**',
      'test-results/**',
      'coverage/**',
      // A template project: it imports `bulkmock` as an installed package, which resolves only in the
      // temporary project scripts/consumer-test.sh makes (and typechecks there, strictly).
      'test/consumer/**',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    // A disable comment that no longer disables anything is a stale exception: fail on it.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  // One config object per folder: a later no-restricted-imports would replace an earlier one, not add to it.
  ...boundaries.map(({ folder, mustNotImport }) => ({
    files: [`${folder}/**`],
    rules: { 'no-restricted-imports': ['error', { patterns: mustNotImport }] },
  })),
  {
    // Tests read JSON answers as they come off the wire and assert on them; typing every answer
    // again by hand would restate the specs. The source under test stays fully type-checked.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // Plain JavaScript is outside the TypeScript project, so it gets the rules that need no types.
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
  {
    files: ['**/*.js', '**/*.mjs'],
    ignores: ['mocks/adapters/http/dashboard/**'],
    languageOptions: { globals: globals.node },
  },
  // The dashboard is a plain module served to a browser: browser globals only.
  { files: ['mocks/adapters/http/dashboard/**/*.js'], languageOptions: { globals: globals.browser } },
);
