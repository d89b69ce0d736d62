import 'reflect-metadata';
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, parse, validate, specifiedRules, type ExecutionArgs, type FormattedExecutionResult } from 'graphql';
import type { HubDeps } from './core/hub.js';
import { createServices, type Services } from './core/services.js';
import { hubSchema } from './core/schema.js';
import { formatHubError } from './core/format-error.js';
import { Metrics } from './core/metrics.js';
import type { Context } from './core/context.js';
import { AppError } from './core/errors.js';

export interface HubApp {
  server: http.Server;
  services: Services;
  metrics: Metrics;
  /** Drains HTTP, closes WebSockets, stops background work. Does not close the store. */
  stop(): Promise<void>;
}

/** Builds the context both transports share, from the Authorization value given. */
function buildContext(services: Services, authorization: string | undefined | null, requestId: string, deps: HubDeps): Context {
  const base = { requestId, hub: services, log: deps.log.child({ requestId }) };
  try {
    const auth = services.auth.viewerFromToken(authorization);
    return {
      ...base,
      viewer: auth?.viewer ?? null,
      authError: null,
      mustChangePassword: auth?.mustChangePassword ?? false,
      tokenVersion: auth?.tokenVersion ?? null,
      tokenExpiresAt: auth?.expiresAt ?? null,
      loaders: services.loadersFor(auth?.viewer ?? null),
    };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return {
      ...base,
      viewer: null,
      authError: err,
      mustChangePassword: false,
      tokenVersion: null,
      tokenExpiresAt: null,
      loaders: services.loadersFor(null),
    };
  }
}

/** HTTP, GraphQL over HTTP and graphql-ws on one port, with the same context and error formatting. */
export async function createApp(deps: HubDeps): Promise<HubApp> {
  const services = createServices(deps);
  const schema = await hubSchema();
  const metrics = new Metrics();
  const countRequest = metrics.counter('hub_http_requests_total', 'HTTP requests by route and status.');
  const countOperation = metrics.counter('hub_graphql_operations_total', 'GraphQL operations by type and outcome.');
  metrics.gauge('hub_db_statements_total', 'SQL statements issued.', () => deps.store.stats.statements);
  metrics.gauge('hub_db_transactions_total', 'Write transactions committed or rolled back.', () => deps.store.stats.transactions);
  metrics.gauge('hub_event_streams', 'Open hubEvents subscriptions.', () => services.events.openStreams);
  metrics.gauge('hub_process_resident_memory_bytes', 'Resident memory.', () => process.memoryUsage().rss);

  const app = express();
  app.disable('x-powered-by');
  const server = http.createServer(app);
  const wss = new WebSocketServer({ server, path: '/graphql' });
  metrics.gauge('hub_websocket_connections', 'Open WebSocket connections.', () => wss.clients.size);

  const wsServer = useServer<{ authorization?: string }, { requestId?: string }>(
    {
      schema,
      onConnect: (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        try {
          const auth = services.auth.viewerFromToken(typeof authorization === 'string' ? authorization : null);
          return !!auth;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        // graphql-ws runs none of Apollo's request pipeline: parsing, validation and the context
        // are done here, and errors go through the same formatter below.
        let document;
        try {
          document = parse(payload.query);
        } catch (err) {
          return [new GraphQLError((err as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const errors = validate(schema, document, specifiedRules);
        if (errors.length)
          return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        const authorization = ctx.connectionParams?.authorization;
        countOperation({ transport: 'ws', type: 'subscription' });
        return {
          schema,
          document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue: buildContext(services, typeof authorization === 'string' ? authorization : null, randomUUID(), deps),
        };
      },
      onNext: (_ctx, _id, _payload, _args, result): FormattedExecutionResult => ({
        ...result,
        errors: result.errors?.map((e) => formatHubError(e.toJSON(), e, deps.log)),
      }),
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatHubError(e.toJSON(), e, deps.log)),
    },
    wss,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: deps.env.NODE_ENV !== 'production',
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatHubError(formatted, error, deps.log),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsServer.dispose();
            },
          };
        },
        async requestDidStart() {
          return {
            async willSendResponse(rc) {
              const type = rc.operation?.operation ?? 'unknown';
              const outcome =
                rc.errors?.length || (rc.response.body.kind === 'single' && rc.response.body.singleResult.errors?.length) ? 'error' : 'ok';
              countOperation({ transport: 'http', type, outcome });
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const requestId = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 100)) || randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const pathname = req.originalUrl.split('?')[0] ?? '';
      const route = pathname === '/graphql' || pathname === '/healthz' || pathname === '/metrics' ? pathname : 'static';
      countRequest({ route, status: String(res.statusCode) });
      if (route !== '/healthz' && route !== '/metrics')
        deps.log.info({ requestId, method: req.method, route, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    try {
      deps.store.ping();
      res.json({ status: 'ok' });
    } catch (err) {
      deps.log.error({ err }, 'health check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });

  app.get('/metrics', (_req, res) => {
    res.type('text/plain; version=0.0.4').send(metrics.render());
  });

  app.use(
    '/graphql',
    express.json({ limit: '4mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => buildContext(services, req.headers.authorization, String(res.locals.requestId), deps),
    }),
  );

  const webDist = deps.env.WEB_DIST;
  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!graphql|healthz|metrics).*/, (_req, res) => res.sendFile(path.join(webDist, 'index.html')));
  } else {
    app.get('/', (_req, res) =>
      res.type('text/plain').send('VOC Hub API is running at /graphql; the web app is not built (run pnpm build).'),
    );
  }

  return {
    server,
    services,
    metrics,
    async stop() {
      services.events.stop();
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      await apollo.stop();
      wss.close();
    },
  };
}
