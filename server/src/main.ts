import 'reflect-metadata';
import { loadEnv } from './core/env.js';
import { createLogger } from './core/logger.js';
import { openHubStore } from './core/store.js';
import { systemClock } from './core/clock.js';
import { loadSecret } from './auth/token.js';
import { createHubEventBus } from './event/event.bus.factory.js';
import { OrgDirectory } from './org/org.directory.js';
import { createApp } from './app/app.js';
import { loadDemo } from './demo/demo.seed.js';
import type { BaseDeps } from './app/services.js';

/** Start-up: configuration → database (migrated) → demo data when asked → HTTP + WebSocket. */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL);
  const store = await openHubStore(env.DATABASE_URL, env.DATA_DIR);
  log.info({ dialect: store.dialect, ...(store.file ? { file: store.file } : {}) }, 'database open and migrated');
  const bus = await createHubEventBus(env.REDIS_URL, env.REDIS_CHANNEL, store, log);
  if (env.REDIS_URL) log.info('events carried between processes by Redis');
  const org = new OrgDirectory(
    () => store.read,
    undefined,
    (err) => log.error({ err }, 'reloading the organisation tree failed; the last one is kept'),
  );
  const deps: BaseDeps = {
    store,
    bus,
    clock: systemClock,
    log,
    env,
    secret: loadSecret(env.HUB_SECRET, env.DATA_DIR),
    org,
  };
  if (env.HUB_DEMO) {
    const result = await loadDemo(store, { now: systemClock.now(), feedback: env.DEMO_FEEDBACK, contacts: env.DEMO_CONTACTS });
    if (result.loaded) log.info({ ms: result.ms, counts: result.counts }, 'demo data loaded');
    else log.info('database not empty: demo data not loaded');
  }
  const app = await createApp(deps);
  await new Promise<void>((resolve) => app.server.listen(env.PORT, env.HOST, resolve));
  log.info({ port: env.PORT }, `VOC Hub listening on http://localhost:${env.PORT}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await app.stop();
      await bus.close();
      await store.close();
      log.info('stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  // The logger may not exist yet (bad configuration): print plainly.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
