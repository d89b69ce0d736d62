import type { Router } from 'express';
import type { ClassType } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import type { Db } from '../core/db.js';
import type { HubServices } from '../core/context.js';
import type { Reaction } from '../event/index.js';
import type { LoaderKit } from '../core/loader.js';

/**
 * What a feature contributes to the hub, exported by its entry (`<feature>/index.ts`) and listed
 * once in app/modules.ts. Reading a module's entry tells what it serves (resolvers, routes) and what
 * it does when others write (reactions, commit hooks); nothing is wired anywhere else.
 */
export interface HubModule {
  name: string;
  /** type-graphql resolver classes, collected into the one schema (app/schema.ts). */
  resolvers?: readonly ClassType[];
  /** What events cause, run inside the transaction that writes them (event/event.write.ts). */
  reactions?: (hub: HubServices) => readonly Reaction[];
  /**
   * What every write transaction appends just before it commits, whatever the write (the audit
   * row of the mutation that caused it).
   */
  beforeCommit?: (hub: HubServices) => (tx: Db) => Promise<void>;
  /**
   * Its per-request batching loaders (DataLoader), put side by side under `ctx.loaders` by
   * app/loaders.ts; names are unique across modules. A loader that needs a service's own state
   * (the contact keys that open the phones) reads it from `hub`.
   */
  loaders?: (kit: LoaderKit, hub: HubServices) => object;
  /**
   * HTTP routes beside /graphql (exports, uploads). The served schema is handed over for routes
   * that read GraphQL input types from a query string (a list export's filter).
   */
  routes?: (hub: HubServices, schema: GraphQLSchema) => Router;
}
