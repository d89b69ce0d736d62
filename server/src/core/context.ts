import type { Viewer } from './viewer.rules.js';
import type { Logger } from './logger.js';
import { AppError, unauthenticated } from './errors.js';

/**
 * The hub's use cases and the per-request loaders, as the composition root builds them
 * (app/services.ts, app/loaders.ts). They are filled in there by declaration merging, so that
 * core/ names no feature while resolvers still see every service's real type.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HubServices {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HubLoaders {}

/** The per-request (or per-subscription-operation) context, the same for HTTP and WebSocket. */
export interface Context {
  requestId: string;
  viewer: Viewer | null;
  /** Why the credentials given were refused, when they were. */
  authError: AppError | null;
  /** The user must change a reset password before doing anything else. */
  mustChangePassword: boolean;
  /** The token's version and expiry, so that long-lived subscriptions can be revoked. */
  tokenVersion: number | null;
  tokenExpiresAt: number | null;
  hub: HubServices;
  /** Closes the client's connection (WebSocket only): for a subscriber that fell too far behind. */
  closeTransport?: (code: number, reason: string) => void;
  /** The client's address (HTTP only), for anonymous rate limiting. */
  requestIp?: string;
  loaders: HubLoaders;
  log: Logger;
}

/** The signed-in viewer, or the contract's UNAUTHENTICATED. */
export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw ctx.authError ?? unauthenticated();
  if (ctx.mustChangePassword)
    throw new AppError('FORBIDDEN', 'Your password was reset; change it before going on.', { reason: 'PASSWORD_CHANGE_REQUIRED' });
  return ctx.viewer;
}
