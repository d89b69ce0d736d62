import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { printSchema, lexicographicSortSchema, type GraphQLInterfaceType, type GraphQLSchema } from 'graphql';
import './graphql-enums.js';
import { NodeResolver } from './node.resolver.js';
import { resolveNodeType } from './node.type.js';
import { BranchResolver, DepartmentResolver, CategoryResolver } from '../org/org.resolver.js';
import { UserResolver } from '../user/user.resolver.js';
import { FeedbackResolver } from '../feedback/feedback.resolver.js';
import { ProblemResolver } from '../problem/problem.resolver.js';
import { ConsultationResolver, ConclusionResolver, OpinionResolver, DiagnosisResolver } from '../consultation/consultation.resolver.js';
import { ActionResolver, ActionUpdateResolver, ExtensionResolver } from '../action/action.resolver.js';
import { HubEventResolver } from '../event/event.resolver.js';
import {
  ReportResolver,
  PublishedVocReportResolver,
  CategoryTrendResolver,
  BranchVocResolver,
  BranchLeagueRowResolver,
  StageCycleTimeResolver,
  QuoteGroupResolver,
} from '../report/report.resolver.js';
import { NotificationResolver, DigestItemResolver } from '../notification/notification.resolver.js';
import { ImportResolver } from '../import/import.resolver.js';
import { InsightResolver, ProblemRecurrenceResolver, BranchRecurrenceResolver } from '../insight/insight.resolver.js';

const RESOLVERS = [
  NodeResolver,
  BranchResolver,
  DepartmentResolver,
  CategoryResolver,
  UserResolver,
  FeedbackResolver,
  ProblemResolver,
  ConsultationResolver,
  ConclusionResolver,
  OpinionResolver,
  DiagnosisResolver,
  ActionResolver,
  ActionUpdateResolver,
  ExtensionResolver,
  HubEventResolver,
  ReportResolver,
  PublishedVocReportResolver,
  CategoryTrendResolver,
  BranchVocResolver,
  BranchLeagueRowResolver,
  StageCycleTimeResolver,
  QuoteGroupResolver,
  NotificationResolver,
  DigestItemResolver,
  ImportResolver,
  InsightResolver,
  ProblemRecurrenceResolver,
  BranchRecurrenceResolver,
] as const;

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
