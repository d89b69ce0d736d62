import { Client, cacheExchange, fetchExchange, mapExchange } from '@urql/core';
import { isSignedOut, needsPasswordChange } from './errors.js';
import type { LiveQueries } from './live.js';

export interface HubClientOptions {
  token: string | null;
  live?: LiveQueries;
  /** The server no longer accepts the sign-in. */
  onSignedOut?: () => void;
  /** The password was reset and must be changed before anything else. */
  onPasswordChange?: () => void;
}

/**
 * The urql client: POST only (Apollo's CSRF prevention refuses GET), the bearer token on every
 * request, and the live exchange in front of the document cache so that it sees every query.
 */
export function createHubClient(options: HubClientOptions): Client {
  const client = new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => ({ headers: options.token ? { authorization: `Bearer ${options.token}` } : {} }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (!options.token) return;
          if (isSignedOut(error)) options.onSignedOut?.();
          else if (needsPasswordChange(error)) options.onPasswordChange?.();
        },
      }),
      ...(options.live ? [options.live.exchange] : []),
      cacheExchange,
      fetchExchange,
    ],
  });
  options.live?.attach(client);
  return client;
}

/** The WebSocket address of the API, beside the page. */
export function graphqlWsUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}
