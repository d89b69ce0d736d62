import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator: types for every document in src/ from the contract's SDL
 * (schema/schema.graphql), so that a field the schema lacks, a wrong argument or a misspelt enum
 * value is a type error, and no result type is written by hand. The output, src/gql/, is generated,
 * not committed: Vite (vite.config.ts) and the web typecheck run this first.
 */
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      // Fragments live beside the component that renders them, unmasked: a parent passes its data
      // down as it came, and the component's props are typed by its fragment.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        // DateTime travels as an ISO 8601 string (the contract says so).
        scalars: { DateTime: 'string' },
        strictScalars: true,
        // Enums as unions of the values the server sends: nothing to import at run time.
        enumType: 'string-literal',
        skipTypename: true,
        // ProblemPage_Problem → ProblemPageProblemQuery, LinkageTable_Action → LinkageTableActionFragment.
        namingConvention: { typeNames: 'change-case-all#pascalCase', enumValues: 'keep', transformUnderscore: true },
      },
    },
  },
};

export default config;
