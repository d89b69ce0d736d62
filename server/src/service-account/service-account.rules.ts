import type { ServiceScopeCode } from '../core/service-scopes.js';

/**
 * A service account's token: a fixed prefix (so that the hub, a log scanner or a secret scanner
 * tells it from a user's signed token at a glance) and 32 random bytes in base64url. Only its
 * SHA-256 is stored: the token is as random as a key, so a slow password hash would add nothing
 * but latency to every call.
 */
export const SERVICE_TOKEN_PREFIX = 'hsa_';
const TOKEN_PATTERN = /^hsa_[A-Za-z0-9_-]{43}$/;

/** Whether a bearer value has the shape of a service account's token (not whether it is one). */
export function isServiceToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** What the admin's list shows of a token: its prefix and first characters, never enough to use. */
export function tokenHint(token: string): string {
  return `${token.slice(0, SERVICE_TOKEN_PREFIX.length + 4)}…`;
}

/**
 * The GraphQL root fields each scope admits. Reference lists an integration needs to fill its
 * records (branches, categories, products) come with recording; `me` and `__typename` with any.
 * Anything not listed is refused, whatever the backing role would allow: a new field is closed to
 * service accounts until it is added here.
 */
export const SCOPE_FIELDS: Readonly<Record<ServiceScopeCode, readonly string[]>> = {
  RECORD_FEEDBACK: ['recordFeedback', 'branches', 'categories', 'products'],
  RECORD_CONTACTS: ['recordContacts', 'branches'],
  IMPORT: ['importJob'],
  READ_REPORTS: ['dashboard', 'vocReport', 'publishedVocReport', 'publishedVocReports', 'complaintStatistics', 'branches'],
};
const ALWAYS = new Set(['me', '__typename']);

/** The root fields of an operation that its scopes do not admit (empty: admitted). */
export function fieldsRefused(scopes: readonly ServiceScopeCode[], fields: readonly string[]): string[] {
  const allowed = new Set(scopes.flatMap((s) => SCOPE_FIELDS[s]));
  return fields.filter((f) => !ALWAYS.has(f) && !allowed.has(f));
}

/** The HTTP routes beside /graphql each scope admits: imports, and the report downloads. */
const SCOPE_ROUTES: Readonly<Record<ServiceScopeCode, readonly { method: string; path: RegExp }[]>> = {
  RECORD_FEEDBACK: [],
  RECORD_CONTACTS: [],
  IMPORT: [{ method: 'POST', path: /^\/imports\/(feedback|contacts)$/ }],
  READ_REPORTS: [
    { method: 'GET', path: /^\/exports\/voc\/[^/]+$/ },
    { method: 'GET', path: /^\/exports\/complaints\/[^/]+$/ },
    { method: 'GET', path: /^\/reports\/voc\/[^/]+\/print$/ },
  ],
};

/** Whether a service account with these scopes may call this route (anything unlisted: no). */
export function routeAllowed(scopes: readonly ServiceScopeCode[], method: string, pathname: string): boolean {
  return scopes.some((s) => SCOPE_ROUTES[s].some((r) => r.method === method && r.path.test(pathname)));
}

/** A service account's name: what the admin calls the integration, also its backing user's name. */
export function nameProblem(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9._-]{1,47}$/.test(name))
    return 'A name is 2 to 48 lower-case letters, digits, ".", "_" and "-", beginning with a letter or digit.';
  return undefined;
}

/** The backing user's username: the prefix keeps it apart from people's names. */
export function backingUsername(name: string): string {
  return `svc.${name}`;
}

/** Whether a last-used time is old enough to be written again (at most once a minute per account). */
export function lastUsedDue(lastUsedAt: Date | null, now: Date, everyMs = 60_000): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= everyMs;
}
