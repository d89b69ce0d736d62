import { defineConfig } from 'vitest/config';
import { createRequire } from 'node:module';
import { reachable, PG_ADMIN_URL } from './utils/services.js';

const require = createRequire(import.meta.url);

const PG_URL = new URL(PG_ADMIN_URL);

/** Whether PostgreSQL answers: the second pass of the suite runs on it. */
const pgReachable = await reachable(PG_ADMIN_URL, 5432);
const pgPass = pgReachable || process.env.HUB_REQUIRE_SERVICES === '1';
if (!pgPass) {
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\n!!! SKIPPED: the PostgreSQL pass of the suite (PostgreSQL is not reachable at ${PG_URL.host}).\n!!! Only the SQLite pass runs. Start PostgreSQL, or set HUB_REQUIRE_SERVICES=1 to make this a failure.\n${line}\n`,
  );
}

/**
 * Tests about SQLite itself (its pragmas, its file, a full disk, kill -9 of a process on the file,
 * file backups), the browser journeys (they exercise the web app, not the database), the scale-out
 * tests (they start their own PostgreSQL hubs) and the Redis bus (no database) run in the first
 * pass only.
 */
const FIRST_PASS_ONLY = [
  'web/**',
  'scale/**',
  'server/event/redis-bus.test.ts',
  'server/core/pg-schema.test.ts',
  'server/core/pg-store.test.ts',
  'server/core/db.test.ts',
  'hardening/storage.test.ts',
  'hardening/crash.test.ts',
  'hardening/shutdown.test.ts',
  'hardening/leftovers.test.ts',
  'server/deadline/exactly-once.test.ts',
  'server/import/killed-import.test.ts',
  'server/ops/**',
  // Reads the source tree only.
  'schema/boundaries.test.ts',
  'schema/tables.test.ts',
  'server/event/reactions.test.ts',
];

export default defineConfig({
  resolve: {
    // One graphql realm: type-graphql and Apollo load graphql's CJS build (TOOLCHAIN P7).
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['./setup.ts'],
    globalSetup: ['./global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['**/*.test.ts'], exclude: ['node_modules/**'] } },
      ...(pgPass
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['**/*.test.ts'],
                exclude: ['node_modules/**', ...FIRST_PASS_ONLY],
                env: { HUB_TEST_DATABASE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
