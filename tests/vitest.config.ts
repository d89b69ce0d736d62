import { defineConfig } from 'vitest/config';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql realm: type-graphql and Apollo load graphql's CJS build (TOOLCHAIN P7).
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['./setup.ts'],
  },
});
