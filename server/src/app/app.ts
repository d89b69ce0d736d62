import 'reflect-metadata';
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { auditScope, newAuditScope, MAX_VARIABLE_NESTING, nestsDeeperThan } from '../audit/index.js';
import { createServices, type BaseDeps, type Services } from './services.js';
import { hubSchema } from './schema.js';
import { formatHubError } from '../core/format-error.js';
import { Metrics, metricsRefusal } from '../core/metrics.js';
import { securityHeaders } from '../core/http-headers.js';
import { sweepSpool } from '../core/spool.js';
import type { Context } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { MODULES } from './modules.js';
import { explorerRoutes } from '../ops/explorer.routes.js';
import { DEFAULT_LIMITS, sourceProblem, type QueryLimits } from '../core/limits.rules.js';
import { RateLimiter } from '../core/rate-limit.js';
import { serveGraphqlWs, WS_MAX_PAYLOAD_BYTES } from './ws.js';
import { CompiledExecution, DEFAULT_COMPILED_EXECUTION } from '../core/executor.js';
import { clientAddress, compileProxyTrust } from '../core/client-address.js';
import { OperationPolicy } from './operation-policy.js';

/** Whether a browser's Origin is the hub's own (same host and port as the request). */
function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export interface HubApp {
  server: http.Server;
  services: Services;
  metrics: Metrics;
  /** Drains HTTP, closes WebSockets, stops background work. Does not close the store. */
  stop(): Promise<void>;
}

/** Builds the context both transports share, from the Authorization value given. */
async function buildContext(
  services: Services,
  authorization: string | undefined | null,
  requestId: string,
  deps: Services['deps'],
): Promise<Context> {
  const base = { requestId, hub: services, log: deps.log.child({ requestId }) };
  try {
    const auth = await services.auth.viewerFromToken(authorization);
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
export async function createApp(base: BaseDeps): Promise<HubApp> {
  // The organisation tree is read synchronously while serving: its first load completes before.
  await base.org.refresh();
  const services = createServices(base);
  const deps = services.deps;
  // Uploads spooled by a process that was killed (-9, power cut) never reached their cleanup.
  services.imports.sweepSpool();
  // Evidence uploads use the same spool: its incoming directory is swept the same way.
  sweepSpool(services.evidence.storage.incomingDir);
  const schema = await hubSchema();
  const metrics = new Metrics();
  const countRequest = metrics.counter('hub_http_requests_total', 'HTTP requests by route and status.');
  const countOperation = metrics.counter('hub_graphql_operations_total', 'GraphQL operations by type and outcome.');
  metrics.gauge('hub_db_statements_total', 'SQL statements issued.', () => deps.store.stats.statements);
  metrics.gauge('hub_db_transactions_total', 'Write transactions committed or rolled back.', () => deps.store.stats.transactions);
  metrics.gauge('hub_event_streams', 'Open hubEvents subscriptions.', () => services.events.openStreams);
  metrics.gauge(
    'hub_alert_representative_reads_total',
    "Reads of 3-in-3 alerts' representatives from the database (a storm's writes use the ones kept).",
    () => services.notifications.representativeReads,
  );
  metrics.gauge('hub_process_resident_memory_bytes', 'Resident memory.', () => process.memoryUsage().rss);

  const app = express();
  app.disable('x-powered-by');
  const server = http.createServer(app);
  const production = deps.env.NODE_ENV === 'production';
  const limits: QueryLimits = { ...DEFAULT_LIMITS, maxCost: deps.env.QUERY_MAX_COST };
  const proxyTrust = compileProxyTrust(deps.env.TRUST_PROXY);
  const rateLimiter = new RateLimiter(deps.env.RATE_POINTS_PER_MINUTE, () => deps.clock.now().getTime());
  // What every operation passes before execution, over either transport (app/operation-policy.ts).
  const policy = new OperationPolicy(schema, limits, rateLimiter, services.audit);
  const allowedOrigins = new Set(
    deps.env.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  );
  const wss = new WebSocketServer({
    server,
    path: '/graphql',
    maxPayload: WS_MAX_PAYLOAD_BYTES,
    // Cross-site WebSocket hijacking: a browser always sends Origin; only our own origin and the
    // configured ones may open a socket. Clients that are not browsers send none.
    verifyClient: ({ origin, req }: { origin: string; req: http.IncomingMessage }) =>
      !origin || allowedOrigins.has(origin) || sameOrigin(origin, req.headers.host),
  });
  metrics.gauge('hub_websocket_connections', 'Open WebSocket connections.', () => wss.clients.size);
  const countSlowClosed = metrics.counter('hub_ws_slow_consumers_closed_total', 'Sockets closed for leaving too much unread.');

  const wsServer = serveGraphqlWs(wss, {
    schema,
    services,
    deps,
    limits,
    policy,
    proxyTrust,
    production,
    context: (authorization, requestId) => buildContext(services, authorization, requestId, deps),
    countOperation,
    countSlowClosed,
  });
  metrics.gauge(
    'hub_subscription_executions_total',
    'Subscription events executed (once per audience, not per subscriber).',
    () => wsServer.fanout.executions,
  );

  const compiled = new CompiledExecution(schema, { ...DEFAULT_COMPILED_EXECUTION, compileAfter: deps.env.QUERY_COMPILE_AFTER });
  metrics.gauge('hub_graphql_compiled_documents', 'Query documents compiled (graphql-jit) since start.', () => compiled.compiledCount);
  const apollo = new ApolloServer<Context>({
    // Apollo's pipeline (parsing, validation, plugins, errors) with the hub's executor behind it.
    gateway: compiled.gateway(),
    introspection: deps.env.NODE_ENV !== 'production',
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Automatic persisted queries are a cache the hub does not need; a client that sends one is told so.
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: (formatted, error) => formatHubError(formatted, error, deps.log, undefined, production),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching of GraphQL answers here (every answer depends on the viewer); without this
      // plugin Apollo stops wrapping every field resolver to compute cache hints.
      ApolloServerPluginCacheControlDisabled(),
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
            async didResolveOperation(rc) {
              try {
                policy.admit(
                  {
                    transport: 'http',
                    document: rc.document,
                    operationName: rc.operationName,
                    variables: rc.request.variables,
                    viewer: rc.contextValue.viewer,
                    requestIp: rc.contextValue.requestIp,
                  },
                  auditScope.getStore(),
                );
              } catch (err) {
                // A refusal before execution is the client's: 400, or 429 with Retry-After.
                if (err instanceof AppError) {
                  const retry = err.extensions.retryAfterSeconds;
                  (err.extensions as Record<string, unknown>).http = {
                    status: err.code === 'RATE_LIMITED' ? 429 : err.code === 'FORBIDDEN' ? 403 : 400,
                    headers: new HeaderMap(retry ? [['retry-after', String(retry)]] : []),
                  };
                }
                throw err;
              }
            },
            async willSendResponse(rc) {
              const type = rc.operation?.operation ?? 'unknown';
              const outcome =
                rc.errors?.length || (rc.response.body.kind === 'single' && rc.response.body.singleResult.errors?.length) ? 'error' : 'ok';
              countOperation({ transport: 'http', type, outcome });
              const scope = auditScope.getStore();
              if (scope) await policy.recordOutcome(scope, rc.response.body.kind === 'single' ? rc.response.body.singleResult : null);
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
    const scope = newAuditScope(requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const pathname = req.originalUrl.split('?')[0] ?? '';
      const route = pathname === '/graphql' || pathname === '/healthz' || pathname === '/metrics' ? pathname : 'static';
      countRequest({ route, status: String(res.statusCode) });
      if (route !== '/healthz' && route !== '/metrics')
        deps.log.info({ requestId, method: req.method, route, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    auditScope.run(scope, next);
  });
  app.use(securityHeaders());

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.store.ping();
      res.json({ status: 'ok' });
    } catch (err) {
      deps.log.error({ err }, 'health check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });

  app.get('/metrics', (req, res) => {
    const refused = metricsRefusal(req.headers.authorization, deps.env.METRICS_TOKEN, production);
    if (refused) {
      if (refused.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.status(refused.status).type('text/plain').send(refused.message);
      return;
    }
    res.type('text/plain; version=0.0.4').send(metrics.render());
  });

  app.use(explorerRoutes(deps.env.WEB_DIST, !production));

  app.use(
    '/graphql',
    (req, res, next) => {
      // GraphQL over HTTP is POST only (the contract's transport; the WebSocket upgrade is not
      // routed here): a GET would run queries with no body to check and none of CSRF prevention's
      // certainty, whatever headers it carries. The explorer page, outside production, answered above.
      if (req.method === 'POST') return next();
      res.setHeader('Allow', 'POST');
      res.status(405).json({
        errors: [
          { message: 'Send GraphQL operations with POST (JSON); other methods are refused.', extensions: { code: 'BAD_USER_INPUT' } },
        ],
      });
    },
    express.json({ limit: '4mb' }),
    (req, res, next) => {
      // Checked before Apollo: a batch would multiply every limit below, and an oversized document
      // is refused before it is parsed.
      const refuse = (code: string, message: string) => res.status(400).json({ errors: [{ message, extensions: { code } }] });
      if (Array.isArray(req.body)) return refuse('BAD_USER_INPUT', 'Batched requests are not accepted; send one operation a request.');
      if (nestsDeeperThan(req.body?.variables, MAX_VARIABLE_NESTING))
        return refuse('BAD_USER_INPUT', `Variables may nest at most ${MAX_VARIABLE_NESTING} levels deep.`);
      const query: unknown = req.body?.query;
      const tooLarge = typeof query === 'string' ? sourceProblem(query, limits) : undefined;
      if (tooLarge) return refuse('QUERY_TOO_COMPLEX', tooLarge);
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        ...(await buildContext(services, req.headers.authorization, String(res.locals.requestId), deps)),
        requestIp: clientAddress(req, proxyTrust),
      }),
    }),
  );

  for (const m of MODULES) if (m.routes) app.use(m.routes(services, schema));

  const webDist = deps.env.WEB_DIST;
  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!graphql|healthz|metrics).*/, (_req, res) => res.sendFile(path.join(webDist, 'index.html')));
  } else {
    app.get('/', (_req, res) =>
      res.type('text/plain').send('VOC Hub API is running at /graphql; the web app is not built (run pnpm build).'),
    );
  }

  services.deadlines.start();
  services.outbound.start();

  // Anything Express itself refuses (a body that is not JSON, a wrong charset, too large) answers
  // in the contract's shape, never with an HTML page or a stack trace.
  app.use(
    (
      err: { status?: number; type?: string; message?: string },
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (res.headersSent) return next(err);
      const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
      if (status === 500) deps.log.error({ err: { message: err.message } }, 'request failed');
      const message =
        status === 413
          ? 'The request body is too large.'
          : status < 500
            ? 'The request body is not valid JSON in UTF-8.'
            : 'Internal error.';
      res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR' } }] });
    },
  );

  return {
    server,
    services,
    metrics,
    async stop() {
      await Promise.all([services.deadlines.stop(), services.imports.stop(), services.outbound.stop()]);
      services.notifications.stop();
      services.events.stop();
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      await apollo.stop();
      wss.close();
    },
  };
}
