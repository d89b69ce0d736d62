import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import type { Context } from './context.js';

type Gateway = ApolloServerOptionsWithGateway<Context>['gateway'];
type Executor = Awaited<ReturnType<Gateway['load']>>['executor'];

export interface CompiledExecutionOptions {
  /** A query document is compiled at its n-th sighting (one-off documents never pay for it); 0: never. */
  compileAfter: number;
  /** Compiled documents kept (least recently used dropped first). */
  capacity: number;
}

export const DEFAULT_COMPILED_EXECUTION: CompiledExecutionOptions = { compileAfter: 2, capacity: 500 };

interface Entry {
  seen: number;
  compiled: CompiledQuery | null;
}

/**
 * graphql-jit's errors are GraphQLError look-alikes without `extensions` unless their cause had
 * some; Apollo's formatter reads `extensions.code` of every error. They are rebuilt as graphql-js
 * errors with the same message, path, locations and cause, as graphql-js would have raised them.
 */
function upstreamError(e: GraphQLError): GraphQLError {
  const error = new GraphQLError(e.message, {
    path: e.path,
    originalError: e.originalError ?? undefined,
    extensions: e.extensions ?? (e.originalError as GraphQLError | undefined)?.extensions,
  });
  if (e.locations) Object.defineProperty(error, 'locations', { value: e.locations, enumerable: true });
  return error;
}

/**
 * Runs the operations Apollo has parsed and validated. Queries seen often enough are compiled
 * with graphql-jit into one function per document and operation: field resolution without
 * graphql-js's per-field lookups and argument coercion, which is most of the hub's CPU for a page
 * of 50 problems once its SQL is batched. Everything else — mutations (strictly serial, and rare),
 * documents seen once — runs on graphql-js, as do subscriptions (graphql-ws, elsewhere).
 *
 * Resolvers, middlewares (masking), the context (viewer, loaders) and error formatting are the
 * same on both paths; the parity tests run the same operations both ways.
 *
 * Why a sighting count: compiling costs milliseconds and the compiled function holds memory, so a
 * client sending endless distinct documents would otherwise buy the server's time and heap; the
 * LRU bounds what stays.
 */
export class CompiledExecution {
  private readonly entries = new Map<string, Entry>();
  /** Documents compiled since start (for /metrics and the tests). */
  compiledCount = 0;
  compiledRuns = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: CompiledExecutionOptions = DEFAULT_COMPILED_EXECUTION,
  ) {}

  run(args: {
    document: DocumentNode;
    source: string;
    operationName: string | null | undefined;
    isQuery: boolean;
    contextValue: Context;
    variableValues: Record<string, unknown> | undefined;
  }): Promise<ExecutionResult> | ExecutionResult {
    const compiled = args.isQuery ? this.compiledFor(args.source, args.document, args.operationName ?? undefined) : null;
    const interpreted = () =>
      execute({
        schema: this.schema,
        document: args.document,
        contextValue: args.contextValue,
        variableValues: args.variableValues,
        operationName: args.operationName,
      });
    if (!compiled) return interpreted();
    this.compiledRuns++;
    const answer = (result: ExecutionResult): ExecutionResult | Promise<ExecutionResult> => {
      if (!result.errors?.length) return result;
      // No data: the request was refused before any resolver ran (a variable value that does not
      // fit its type). graphql-js says so with the variable's node, which Apollo and the error
      // formatter read to answer BAD_USER_INPUT and 400; that path is rare, so it simply runs there.
      if (result.data === undefined) return interpreted();
      return { ...result, errors: result.errors.map(upstreamError) };
    };
    const result = compiled.query(undefined, args.contextValue, args.variableValues);
    return result instanceof Promise ? result.then(answer) : answer(result);
  }

  private compiledFor(source: string, document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    const key = `${operationName ?? ''}\u0000${source}`;
    let entry = this.entries.get(key);
    if (entry) {
      // Map order is the recency order: re-inserting marks it used.
      this.entries.delete(key);
    } else {
      entry = { seen: 0, compiled: null };
      if (this.entries.size >= this.options.capacity) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, entry);
    if (entry.compiled) return entry.compiled;
    if (this.options.compileAfter === 0 || ++entry.seen < this.options.compileAfter) return null;
    const result = compileQuery(this.schema, document, operationName);
    // A document Apollo validated compiles; if graphql-jit ever refuses one, graphql-js runs it.
    if (!isCompiledQuery(result)) return null;
    entry.compiled = result;
    this.compiledCount++;
    return result;
  }

  /** Apollo's gateway seam: the schema is static, the executor is ours. */
  gateway(): Gateway {
    const executor: Executor = (rc) =>
      Promise.resolve(
        this.run({
          document: rc.document,
          source: rc.source,
          operationName: rc.operationName,
          // No operation: none or several matched; graphql-js answers why.
          isQuery: rc.operation?.operation === 'query',
          contextValue: rc.context as Context,
          variableValues: rc.request.variables,
        }),
      );
    return {
      load: () => Promise.resolve({ schema: this.schema, executor }),
      onSchemaLoadOrUpdate: (callback) => {
        callback({ apiSchema: this.schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      stop: () => Promise.resolve(),
    };
  }
}
