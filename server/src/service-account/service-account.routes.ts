import { Router } from 'express';
import type { HubServices } from '../core/context.js';
import { newAuditScope } from '../audit/index.js';
import { isServiceToken, routeAllowed } from './service-account.rules.js';

const CODE_OF_STATUS: Partial<Record<number, string>> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  429: 'RATE_LIMITED',
};

/**
 * The gate in front of every HTTP route beside /graphql (mounted before the other modules' routes):
 * a service account's call reaches only the routes its scopes name (imports, report downloads),
 * anything else answers 403 FORBIDDEN; and each call, admitted or not, leaves its audit row with
 * its outcome. Calls with a person's token, or none, pass untouched to the routes' own checks.
 */
export function serviceAccountGate(services: HubServices): Router {
  const router = Router();
  router.use(async (req, res, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec((req.headers.authorization ?? '').trim())?.[1];
    if (!bearer || !isServiceToken(bearer)) return next();
    const found = await services.serviceAccounts.authenticate(bearer);
    // A token that is not (or no longer) valid: the route's own sign-in check answers 401.
    if (!found) return next();
    const scope = newAuditScope(String(res.locals.requestId ?? ''));
    scope.actorId = found.user.id;
    scope.operation = `${req.method} ${req.path}`;
    // The query string only (never a header: the token stays out of the trail).
    scope.detail = JSON.stringify(req.query ?? {}).slice(0, 2_000);
    if (!routeAllowed(found.scopes, req.method, req.path)) {
      // The refusal is in the trail before it is answered.
      await services.audit.afterResponse({ ...scope, isMutation: true }, 'FORBIDDEN');
      res.status(403).json({ error: { code: 'FORBIDDEN', message: "This service account's scopes do not include this route." } });
      return;
    }
    // An admitted call's outcome is known once it is answered (an upload can take minutes).
    res.on('finish', () => {
      const status = res.statusCode;
      const code = status < 400 ? null : (CODE_OF_STATUS[status] ?? (status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR'));
      void services.audit.afterResponse({ ...scope, isMutation: true }, code, !code);
    });
    next();
  });
  return router;
}
