// @ts-check
import tseslint from 'typescript-eslint';

import { readdirSync } from 'node:fs';

/**
 * A context is reachable only through its index.ts: files under src/contexts/<name>/ other than index.ts
 * may be imported from inside that same context alone. One block per context, generated from the folders.
 */
const contexts = readdirSync(new URL('./src/contexts', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const internalsOf = (name) => ({
  regex: `^(\\.\\.?/)+(src/)?(contexts/)?${name}/(?!index\\.ts$).+`,
  message: `Import the ${name} context only through src/contexts/${name}/index.ts.`,
});
const restrict = (names) => ({
  'no-restricted-imports': ['error', { patterns: names.map(internalsOf) }],
});
// Each file matches exactly one of these blocks (flat config would otherwise let the last block win):
// a context's own files may reach its internals, everything else only other contexts' index.ts.
const contextBoundaries = [
  {
    files: ['src/**/*.ts', 'src/**/*.tsx', 'bench/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    ignores: contexts.map((name) => `src/contexts/${name}/**`),
    rules: restrict(contexts),
  },
  ...contexts.map((name) => ({
    files: [`src/contexts/${name}/**/*.ts`, `src/contexts/${name}/**/*.tsx`],
    rules: restrict(contexts.filter((other) => other !== name)),
  })),
];

/**
 * The web app and the server meet only through the HTTP API: web code imports nothing from src/ (its API types
 * are generated from docs/openapi.json into web/src/api/schema.d.ts), and src/ imports nothing from web/.
 * The typescript-eslint variant of the rule keeps these patterns apart from the context rules above.
 */
const webBoundary = [
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/',
              message: 'Web code reaches the server only through the API: use the types in web/src/api/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(\\.\\./)+web/', message: 'Server code imports nothing from the web app.' }],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'data', 'coverage', '.bench-data', 'scratch'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-console': 'error',
    },
  },
  ...contextBoundaries,
  ...webBoundary,
  {
    files: ['src/cli/**', 'bench/**', 'bin/**', 'test/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
