// ESLint for the whole project: typescript-eslint's type-aware rules on every TypeScript file (each
// checked with its own tsconfig: the Node side, the web tracker, its tests) and the React hooks
// rules on the screens and the tracker. `npm run lint` runs it with the layout check
// (.dependency-cruiser.cjs); CI runs both.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', 'web-tracker/dist/', 'server/db/generated/', 'prisma/postgresql/', 'coverage/', 'test-results/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.cjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      // `for await (const _ of stream)` and `(_root, args)` name what they deliberately ignore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // An async function that does not await still turns a throw into a rejection, which is why
      // the implementations of promise-returning interfaces (a migration session, a bus, a fake
      // fetch) are async.
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['**/*.tsx', 'shared/use-now.ts', 'cli/tui/use-*.ts', 'web-tracker/src/**/*.ts'], ...reactHooks.configs.flat.recommended },
  {
    files: ['tests/**'],
    rules: {
      // Tests read JSON answers as they come and check their shape with expect(): a wrong shape
      // fails the assertion, which is the check. Typing every answer by hand would add nothing.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['web-tracker/src/**', 'tests/web/**'], languageOptions: { globals: globals.browser } },
  { files: ['web-tracker/public/sw.js'], languageOptions: { globals: globals.serviceworker } },
  { files: ['**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
);
