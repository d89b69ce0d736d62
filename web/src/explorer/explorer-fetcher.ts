import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';

/** What the headers editor holds at first: how to authenticate, sending nothing yet. */
export const HEADERS_HINT = `{
  // 登录后粘贴令牌 / Sign in (mutation login), then paste its token:
  // "authorization": "Bearer <token>"
}`;

export const FIRST_QUERY = `# VOC Hub API 浏览器 / API explorer: not served in production.
# 1. mutation { login(input: { username: "…", password: "…" }) { token } }
# 2. Headers: { "authorization": "Bearer <token>" }, then run:
{
  me {
    username
  }
}
`;

const lowerKeys = (headers: Record<string, unknown> | undefined) =>
  headers && Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * Queries and mutations go to the hub's /graphql as JSON POSTs (what Apollo's CSRF prevention
 * accepts), subscriptions over graphql-ws at the same path. The headers editor's values become
 * the socket's connection params, which the hub reads by their lower-case names.
 */
export function hubFetcher(location: Location): Fetcher {
  const url = new URL('/graphql', location.href);
  const subscriptionUrl = new URL(url);
  subscriptionUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const fetcher = createGraphiQLFetcher({
    url: url.href,
    subscriptionUrl: subscriptionUrl.href,
    // The hub answers no @defer/@stream: plain JSON.
    enableIncrementalDelivery: false,
  });
  return (params, options) => fetcher(params, options && { ...options, headers: lowerKeys(options.headers) });
}
