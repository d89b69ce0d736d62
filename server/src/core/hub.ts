import type { Store } from './db.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import type { Env } from './env.js';
import type { RightsEpoch } from './rights-epoch.js';

/**
 * What every service is built with. The kernel's part is declared here; a feature that adds a
 * process-wide dependency declares it next to its own code by declaration merging (the event log's
 * bus and the declared reactions in event/event.write.ts, the branch tree in org/org.directory.ts),
 * so that core/ names no feature and a reader finds each dependency where it is implemented.
 */
export interface HubDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  env: Env;
  secret: Buffer;
  /** Moves when a user's rights may have changed here; live streams re-check their viewer then. */
  rights: RightsEpoch;
}
