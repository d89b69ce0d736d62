// One linter for the workspace: typescript-eslint on the code, @graphql-eslint on the schema.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'server/.test-build-*/**',
      'data/**',
      'migrations/**',
      'bench/results/**',
      'web/src/gql/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  { files: ['**/*.config.ts', '**/*.config.js'], rules: { 'no-restricted-syntax': 'off' } },
  {
    // Configuration is read in one place (core/env.ts).
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/core/env.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through core/env.ts.' }],
    },
  },
  {
    // Every query is a promise now (SQLite and PostgreSQL alike): one not awaited would run outside
    // its transaction or after the answer. Type-aware rules catch it.
    files: ['server/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Services run on SQLite and PostgreSQL: queries are awaited, raw SQL goes through core/sql.ts.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/core/db.ts', 'server/src/core/sql.ts', 'server/src/core/db.*.ts', 'server/src/ops/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
        {
          selector: 'CallExpression[arguments.length=0][callee.property.name=/^(all|get|run)$/]',
          message: 'Synchronous SQLite call: await the query (use first() from core/sql.ts for one row).',
        },
        {
          selector: 'CallExpression[callee.object.name=/^(db|tx|reader|writer)$/][callee.property.name=/^(all|get|run|values)$/]',
          message: 'Raw SQL through the SQLite driver: use rows()/row()/exec() from core/sql.ts.',
        },
        { selector: "MemberExpression[property.name='raw'][object.property.name='store']", message: 'store.raw is SQLite-only.' },
      ],
    },
  },
  {
    files: ['schema/**/*.graphql'],
    languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig: { schema: './schema/schema.graphql' } } },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      '@graphql-eslint/known-type-names': 'error',
      '@graphql-eslint/unique-type-names': 'error',
      '@graphql-eslint/naming-convention': [
        'error',
        { types: 'PascalCase', EnumValueDefinition: 'UPPER_CASE', FieldDefinition: 'camelCase', InputValueDefinition: 'camelCase' },
      ],
      '@graphql-eslint/no-hashtag-description': 'error',
      '@graphql-eslint/require-nullable-result-in-root': 'off',
      '@graphql-eslint/strict-id-in-types': 'off',
    },
  },
);
