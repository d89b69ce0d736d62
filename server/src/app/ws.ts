import { randomUUID } from 'node:crypto';
import type { WebSocket, WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { execute, type GraphQLError, type GraphQLSchema, type ExecutionArgs, type FormattedExecutionResult } from 'graphql';
import { auditScope, newAuditScope, type AuditScope } from '../audit/index.js';
import type { HubDeps } from '../core/hub.js';
import type { Services } from './services.js';
import type { Context } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { formatHubError } from '../core/format-error.js';
import type { QueryLimits } from '../core/limits.rules.js';
import { parseWithinLimits, validateDocument } from '../core/guard.js';
import type { OperationPolicy } from './operation-policy.js';
import { clientAddress, type ProxyTrust } from '../core/client-address.js';
import { FanoutExecution, type NextChannel } from '../core/fanout.js';
import { hubEventsShared } from '../event/index.js';

/**
 * The largest WebSocket message the hub reads (ws closes the socket with 1009 past it, before
 * parsing): the same 4 MiB as an HTTP body. Without it a 40 MB `connection_init` was read and
 * parsed before the 4401 close.
 */
export const WS_MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

export interface WebSocketOptions {
  schema: GraphQLSchema;
  services: Services;
  deps: HubDeps;
  limits: QueryLimits;
  /** The admission and audit rules every operation passes, the same as over HTTP. */
  policy: OperationPolicy;
  /** Which proxies may name the client (TRUST_PROXY), for the client address sign-ins are counted by. */
  proxyTrust: ProxyTrust;
  production: boolean;
  /** The context HTTP requests get, from the connection's authorization. */
  context(authorization: string | null, requestId: string): Promise<Context>;
  countOperation(labels: Record<string, string>): void;
  countSlowClosed(): void;
}

/**
 * graphql-ws (graphql-transport-ws) on the hub's WebSocket server. What Apollo does for HTTP before
 * the policy (parse with a token limit, validate) is done here; then the same OperationPolicy, the
 * same context, audit and error format.
 * Subscription events are executed once per audience (FanoutExecution).
 */
export function serveGraphqlWs(wss: WebSocketServer, o: WebSocketOptions): { fanout: FanoutExecution; dispose(): Promise<void> } {
  const { schema, services, deps, limits, production } = o;
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => formatHubError(e.toJSON(), e, deps.log, undefined, production));
  const fanout = new FanoutExecution(schema, { hubEvents: hubEventsShared }, (result) =>
    result.errors ? { ...result, errors: format(result.errors) } : result,
  );
  const tooFarBehind = (socket: WebSocket) => {
    // Sends are awaited, so a stalled reader mostly backs up in its stream's bounded backlog;
    // this catches payloads that pile up in the socket itself.
    if (socket.bufferedAmount <= deps.env.WS_MAX_BUFFERED_BYTES) return;
    o.countSlowClosed();
    socket.close(4429, 'Too far behind: reconnect and resume with your last cursor');
  };
  /** Each subscription's socket and id, for the fan-out to write `next` messages itself. */
  const channels = new WeakMap<ExecutionArgs, NextChannel>();
  /** Each operation's audit scope, filled by the policy when it was admitted. */
  const scopes = new WeakMap<ExecutionArgs, AuditScope>();
  // A frame ws refuses (over maxPayload: 1009; malformed: 1002/1007) is the client's fault, and ws
  // has already closed the socket with the right code. graphql-ws would print it with a stack as an
  // "internal error" and try a 1011 close: it is logged as one line instead, and not passed on.
  // Registered before graphql-ws's own connection listener, so every socket is wrapped first.
  wss.on('connection', (socket: WebSocket) => {
    const emit = socket.emit.bind(socket);
    socket.emit = ((event: string | symbol, ...args: unknown[]) => {
      const code = (args[0] as { code?: unknown } | undefined)?.code;
      if (event === 'error' && typeof code === 'string' && code.startsWith('WS_ERR_')) {
        deps.log.info({ code }, 'websocket frame refused');
        return true;
      }
      return emit(event, ...args);
    }) as typeof socket.emit;
  });
  const server = useServer<{ authorization?: string }, { requestId?: string }>(
    {
      schema,
      connectionInitWaitTimeout: 3_000,
      subscribe: (args) => fanout.subscribe(args, channels.get(args)),
      // Operations sent over the socket are audited like those over HTTP.
      execute: (args: ExecutionArgs) => {
        const scope = scopes.get(args)!;
        return auditScope.run(scope, async () => {
          const result = await execute(args);
          await o.policy.recordOutcome(scope, result);
          return result;
        });
      },
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        if (typeof authorization !== 'string' || !authorization) {
          ctx.extra.socket.close(4401, 'Unauthorized');
          return false;
        }
        try {
          return !!(await services.auth.viewerFromToken(authorization));
        } catch {
          return false; // 4403 Forbidden: a token was given and it is not valid
        }
      },
      onSubscribe: async (ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        // graphql-ws runs none of Apollo's request pipeline: limits, validation, rate limiting and
        // the context are applied here, and errors go through the same formatter below.
        const authorization = ctx.connectionParams?.authorization;
        const contextValue: Context = {
          ...(await o.context(typeof authorization === 'string' ? authorization : null, randomUUID())),
          requestIp: clientAddress(ctx.extra.request, o.proxyTrust),
          closeTransport: (code, reason) => {
            o.countSlowClosed();
            ctx.extra.socket.close(code, reason);
          },
        };
        try {
          const document = parseWithinLimits(payload.query, limits);
          const invalid = validateDocument(schema, document, !production);
          if (invalid) throw invalid;
          const scope = newAuditScope(contextValue.requestId);
          // Sizes and nesting are refused as an error message, never a 4500 close.
          o.policy.admit(
            {
              transport: 'ws',
              document,
              operationName: payload.operationName,
              variables: payload.variables,
              viewer: contextValue.viewer,
              requestIp: contextValue.requestIp,
            },
            scope,
          );
          o.countOperation({ transport: 'ws', type: 'subscription' });
          const args: ExecutionArgs = {
            schema,
            document,
            variableValues: payload.variables ?? undefined,
            operationName: payload.operationName ?? undefined,
            contextValue,
          };
          scopes.set(args, scope);
          const socket = ctx.extra.socket;
          channels.set(args, {
            id,
            send: (message, written) => {
              tooFarBehind(socket);
              // As graphql-ws's own send: nothing to write on a socket that is closing.
              if (socket.readyState !== socket.OPEN) return written();
              socket.send(message, (error) => written(error ?? undefined));
            },
          });
          return args;
        } catch (err) {
          if (err instanceof AppError) return [err];
          throw err;
        }
      },
      onNext: (ctx, _id, _payload, _args, result): FormattedExecutionResult => {
        tooFarBehind(ctx.extra.socket);
        return fanout.formatted(result);
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    wss,
  );
  return {
    fanout,
    dispose: async () => {
      await server.dispose();
    },
  };
}
