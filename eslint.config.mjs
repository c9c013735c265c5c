// ESLint flat config: @eslint/js and typescript-eslint recommended, plus the rules the project
// relies on in review (awaited promises, type-only imports, one import order). Type-aware rules read
// tsconfig.json through the project service, so lint sees the same program as `npm run typecheck`.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // Generated bindings, test groups and build output are not hand-written; coverage is a report.
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/.groups/**', 'src/cdktf/gen/**', 'src/cdktn/gen/**'],
  },
  {
    // A disable comment that suppresses nothing is noise that hides the next real finding.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['src/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'examples/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: {
      // Not import.meta.dirname: that needs Node 20.11, and package.json allows any Node 20.
      parserOptions: { projectService: true, tsconfigRootDir: dirname(fileURLToPath(import.meta.url)) },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: false },
      ],
      // `_`-prefixed names mark a parameter or binding kept for its position (a callback's signature,
      // a destructured field left out on purpose).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'import-x/first': 'error',
      'import-x/no-duplicates': 'error',
      'import-x/order': [
        'error',
        { groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'], 'newlines-between': 'never' },
      ],
    },
  },
  {
    // The few CommonJS files node runs directly (bin, scripts, jest config and support).
    files: ['**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
);
