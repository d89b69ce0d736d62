import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { printSchema, lexicographicSortSchema, type GraphQLInterfaceType, type GraphQLSchema } from 'graphql';
import { NodeResolver } from '../core/node.resolver.js';
import { resolveNodeType } from '../core/node.type.js';
import { MODULES } from './modules.js';

const RESOLVERS = [NodeResolver, ...MODULES.flatMap((m) => m.resolvers ?? [])] as const;

// Subscriptions here declare their own `subscribe` (EventService does replay, scoping and
// backpressure); type-graphql's topic pub/sub is never used, and says so if it ever is.
const NO_TOPIC_PUBSUB = {
  publish(): void {
    throw new Error('Topic pub/sub is not used: publish through the event bus.');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('Topic pub/sub is not used: subscribe through EventService.');
  },
};

let built: Promise<GraphQLSchema> | null = null;

/** The served schema, built once per process. */
export function hubSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: RESOLVERS, validate: false, emitSchemaFile: false, pubSub: NO_TOPIC_PUBSUB }).then((schema) => {
    // type-graphql wraps every resolveType in an async function; graphql-js awaits it, graphql-jit
    // (core/executor.ts) does not. The Node type is known from the id alone, synchronously.
    (schema.getType('Node') as GraphQLInterfaceType).resolveType = resolveNodeType;
    return schema;
  });
  return built;
}

/** The SDL checked in as schema/schema.graphql: sorted, so that diffs show real changes only. */
export async function hubSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await hubSchema()))}\n`;
}
