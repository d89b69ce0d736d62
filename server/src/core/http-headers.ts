import helmet, { contentSecurityPolicy } from 'helmet';
import type { RequestHandler } from 'express';

type Directives = Record<string, string[]>;

// Bank networks are closed: every page may load nothing but the hub's own files, and no other site
// may frame one (clickjacking). 'self' in connect-src also covers the WebSocket to the same host
// and port (CSP Level 3), so no ws:/wss: wildcard is needed.
const NO_FRAMING: Directives = {
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

/**
 * The web app (Vite build): scripts only from the hub's files, no inline or attribute scripts.
 * Styles allow inline: antd's CSS-in-JS inserts <style> elements at run time, and the print page,
 * opened from a blob: URL, inherits this policy with its own inline styles and data: charts.
 */
export const WEB_APP_POLICY: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'form-action': ["'self'"],
  ...NO_FRAMING,
};

/** The API explorer (GraphiQL with Monaco): Monaco styles its editors inline; GraphiQL's fonts are data: URLs. */
export const EXPLORER_POLICY: Directives = {
  ...WEB_APP_POLICY,
  'img-src': ["'self'", 'data:'],
  'form-action': ["'none'"],
};

/** The printable report: a self-contained page with no script and nothing to fetch. */
export const PRINT_POLICY: Directives = {
  'default-src': ["'none'"],
  'style-src': ["'unsafe-inline'"],
  'img-src': ['data:'],
  'form-action': ["'none'"],
  ...NO_FRAMING,
};

/** A Content-Security-Policy for one kind of page, replacing the app-wide one. */
export const policyFor = (directives: Directives): RequestHandler => contentSecurityPolicy({ useDefaults: false, directives });

/**
 * The hub's security headers on every answer (helmet): the web app's policy, X-Frame-Options DENY
 * for browsers without frame-ancestors, nosniff, no referrer, same-origin opener and resources.
 * Strict-Transport-Security is left to the TLS proxy in front of the hub: the hub speaks plain HTTP
 * and cannot know which sibling hosts of the bank's domain serve HTTPS (includeSubDomains).
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: WEB_APP_POLICY },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
  });
}
