import fs from 'node:fs';
import path from 'node:path';
import { Router, type Request } from 'express';

// Bank networks are closed: the page may load nothing but the hub's own files. The browser enforces
// it too. Monaco styles its editors inline; GraphiQL's fonts are data: URLs in its stylesheet.
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

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
  router.get(['/graphql', '/explorer', '/explorer.html'], (req, res, next) => {
    if (req.path === '/graphql' && !wantsPage(req)) return next();
    if (!enabled) return res.status(404).type('text/plain').send('Not found.');
    if (!fs.existsSync(page)) return res.status(404).type('text/plain').send('The API explorer is not built (run pnpm build).');
    res.setHeader('Content-Security-Policy', POLICY);
    res.sendFile(page);
  });
  return router;
}
