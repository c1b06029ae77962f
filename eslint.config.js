// ESLint over the whole project with typescript-eslint's type-aware rules. Formatting is Prettier's.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Folders of the transport-free core: they run in a browser too, so nothing from Node's runtime. */
const coreFolders = ['mocks/core/**', 'mocks/spec/**', 'mocks/jobs/**', 'mocks/parsing/**', 'mocks/vendors/**', 'mocks/state/**'];

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'openapi/generated/**', 'examples/import-ui/public/**', 'test-results/**', 'coverage/**'] },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: coreFolders,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'The core runs in a browser too: only adapters and platform-bound stores may import from node:.' },
            { regex: '/adapters/', message: 'The core does not know its adapters: adapters import the core, never the reverse.' },
            { regex: '^(msw|msw/.*)$', message: 'MSW is an adapter concern: keep it in mocks/adapters/msw.' },
          ],
        },
      ],
    },
  },
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
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked], languageOptions: { globals: globals.node } },
  // The dashboard is a plain script served to a browser.
  { files: ['mocks/adapters/http/dashboard/**/*.js'], languageOptions: { globals: globals.browser } },
);
