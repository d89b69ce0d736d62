import fs from 'node:fs';
import path from 'node:path';
import { Router, type Request } from 'express';
import { EXPLORER_POLICY, policyFor } from '../core/http-headers.js';

const PAGE_PATHS = new Set(['/graphql', '/explorer', '/explorer.html']);

/** Whether a GET of /graphql is a browser's navigation (it prefers a page) rather than an API call. */
function wantsPage(req: Request): boolean {
  return req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

/**
 * The API explorer (GraphiQL, web/explorer.html, built from the hub's own packages) at /explorer,
 * and at /graphql for a browser that asks for a page. Only where introspection is on (not in
 * production): elsewhere these pages answer 404, and /graphql stays the API alone.
 */
export function explorerRoutes(webDist: string, enabled: boolean): Router {
  const router = Router();
  const page = path.join(webDist, 'explorer.html');
  const policy = policyFor(EXPLORER_POLICY);
  // A plain middleware rather than a GET route: Express answers OPTIONS for a route's path by
  // itself (200, Allow: GET, HEAD), and /graphql must answer every method but POST with 405.
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !PAGE_PATHS.has(req.path)) return next();
    if (req.path === '/graphql' && !wantsPage(req)) return next();
    if (!enabled) return res.status(404).type('text/plain').send('Not found.');
    if (!fs.existsSync(page)) return res.status(404).type('text/plain').send('The API explorer is not built (run pnpm build).');
    policy(req, res, () => res.sendFile(page));
  });
  return router;
}
