import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { generate } from '@graphql-codegen/cli';
import codegenConfig from './codegen.config.js';

/**
 * Generates src/gql/ (the types and documents of every GraphQL operation, codegen.config.ts) before
 * Vite reads the sources, in `vite build` and `vite` alike; once per run, for both environments.
 */
function graphqlCodegen(): Plugin {
  let generated: Promise<unknown> | null = null;
  return {
    name: 'voc-hub:graphql-codegen',
    buildStart() {
      generated ??= generate({ ...codegenConfig, cwd: import.meta.dirname }, true);
      return generated.then(() => undefined);
    },
  };
}

// dayjs is pinned to the version antd depends on, so that both resolve to one copy and the zh-cn
// locale we set is the one antd's date pickers read.

export default defineConfig({
  plugins: [graphqlCodegen(), react()],
  server: {
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true },
      '/exports': 'http://localhost:4000',
      '/files': 'http://localhost:4000',
    },
  },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1200 },
  // The API explorer (GraphiQL, explorer.html) is built apart, after the app, into the same
  // directory: it shares no chunk with the app, so the app's bundle is the same with or without it.
  environments: {
    explorer: {
      consumer: 'client',
      build: {
        emptyOutDir: false,
        // Maps of GraphiQL and Monaco alone would be 20 MB.
        sourcemap: false,
        // The manifest (bundle budget) describes the app alone.
        manifest: false,
        // Monaco alone is 2.8 MB; this page is for developers, outside production.
        chunkSizeWarningLimit: 3000,
        rolldownOptions: {
          input: 'explorer.html',
          // GraphiQL's modules carry React Compiler's "use no memo"; bundling drops it harmlessly.
          onLog: (level, log, handler) => log.code === 'MODULE_LEVEL_DIRECTIVE' || handler(level, log),
        },
      },
    },
  },
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.client!);
      await builder.build(builder.environments.explorer!);
    },
  },
});
