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
/**
 * Layers point down only: platform ↛ contexts ↛ systems/flows ↛ the composition root, the HTTP app, the server
 * and the CLI. `above[folder]` names the layers a folder's files must not import (its tests, which wire whole
 * installations, keep the context rule alone).
 */
const layer = (name, regex) => ({ regex, message: `A lower layer does not import ${name}.` });
const LAYERS = {
  contexts: layer('src/contexts/', '^(\\.\\.?/)+(src/)?contexts/'),
  http: layer('src/http/', '^(\\.\\.?/)+(src/)?http/'),
  flows: layer('src/flows/', '^(\\.\\.?/)+(src/)?flows/'),
  systems: layer('src/systems/', '^(\\.\\.?/)+(src/)?systems/'),
  root: layer('the composition root or the HTTP app', '^(\\.\\.?/)+(src/)?(services|app|server)\\.ts$'),
  cli: layer('src/cli/', '^(\\.\\.?/)+(src/)?cli/'),
};
const above = {
  platform: [LAYERS.contexts, LAYERS.http, LAYERS.flows, LAYERS.systems, LAYERS.root, LAYERS.cli],
  contexts: [LAYERS.flows, LAYERS.systems, LAYERS.root, LAYERS.cli],
  flows: [
    LAYERS.systems,
    LAYERS.cli,
    layer('the HTTP app or the server', '^(\\.\\.?/)+(src/)?(app|server)\\.ts$'),
  ],
  systems: [LAYERS.root, LAYERS.cli],
};
const restrict = (names, layers = []) => ({
  'no-restricted-imports': ['error', { patterns: [...names.map(internalsOf), ...layers] }],
});
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];
// Each file matches exactly one of these blocks (flat config would otherwise let the last block win):
// a context's own files may reach its internals, everything else only other contexts' index.ts; the
// files of a lower layer also name the layers above them.
const contextBoundaries = [
  {
    files: ['src/**/*.ts', 'src/**/*.tsx', 'bench/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    ignores: [
      ...contexts.map((name) => `src/contexts/${name}/**`),
      'src/platform/**',
      'src/flows/**',
      'src/systems/**',
    ],
    rules: restrict(contexts),
  },
  ...['platform', 'flows', 'systems'].flatMap((folder) => [
    { files: [`src/${folder}/**/*.ts`], ignores: TESTS, rules: restrict(contexts, above[folder]) },
    { files: TESTS.map((t) => `src/${folder}/${t}`), rules: restrict(contexts) },
  ]),
  ...contexts.flatMap((name) => [
    {
      files: [`src/contexts/${name}/**/*.ts`, `src/contexts/${name}/**/*.tsx`],
      ignores: TESTS,
      rules: restrict(
        contexts.filter((other) => other !== name),
        above.contexts,
      ),
    },
    {
      files: TESTS.map((t) => `src/contexts/${name}/${t}`),
      rules: restrict(contexts.filter((other) => other !== name)),
    },
  ]),
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
    files: ['src/**/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message:
            'An index.ts lists what it exports by name (no `export *`): its public surface is read there.',
        },
      ],
    },
  },
  {
    files: ['src/cli/**', 'bench/**', 'bin/**', 'test/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
