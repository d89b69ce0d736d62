import type { Store } from '../core/db.js';
import type { HubServices } from '../core/context.js';
import type { Viewer } from '../core/viewer.rules.js';
import { loaderKit } from '../core/loader.js';
import { orgModule } from '../org/index.js';
import { userModule } from '../user/index.js';
import { feedbackModule } from '../feedback/index.js';
import { loopModule } from '../loop/index.js';
import { eventModule } from '../event/index.js';
import { complaintModule } from '../complaint/index.js';
import { callbackModule } from '../callback/index.js';
import { discussionModule } from '../discussion/index.js';
import { evidenceModule } from '../evidence/index.js';

/**
 * Per-request batching: each nested field of a page costs one query for the whole page, whatever
 * the page size. Each module declares its own loaders (`loaders` in its entry, over one
 * core/loader.ts kit: read handle, viewer's scope, DataLoader factory; and the hub's services, for
 * a loader that needs a service's state, as the contact keys); this only puts them side
 * by side under the short names resolvers use (`ctx.loaders.problem`).
 */
export function createLoaders(store: Store, viewer: Viewer | null, hub: HubServices) {
  const kit = loaderKit(store, viewer);
  return {
    ...orgModule.loaders(kit),
    ...userModule.loaders(kit),
    ...feedbackModule.loaders(kit),
    ...loopModule.loaders(kit),
    ...eventModule.loaders(kit),
    ...complaintModule.loaders(kit),
    ...callbackModule.loaders(kit, hub),
    ...discussionModule.loaders(kit),
    ...evidenceModule.loaders(kit),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
