import { GraphQLError } from 'graphql';

/**
 * The contract's error codes (shared/contract/README.md, "Errors"): every refused operation carries
 * exactly one. The one list on the server; the web app keeps its own copy (it may not import server
 * code), which tests/web/errors.test.ts holds equal to this one.
 */
export const CONTRACT_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'INVALID_TRANSITION',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
] as const;

/** What an error may carry: a contract code, or the masked internal error. */
export type ErrorCode = (typeof CONTRACT_ERROR_CODES)[number] | 'INTERNAL_SERVER_ERROR';

/** The hub's one error type. Anything else that reaches a client is masked as internal. */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
    this.code = code;
  }
}

export const unauthenticated = (message = 'Sign in first.') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Your role may not do this.') => new AppError('FORBIDDEN', message);
export const notFound = (what: string, id?: string) => new AppError('NOT_FOUND', `${what} not found.`, id === undefined ? {} : { id });
/** Bad input names the offending field (e.g. `input.text`) so that forms can show it in place. */
export const badInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, { field });
export const conflict = (currentVersion: number) =>
  new AppError('CONFLICT', 'Someone changed this meanwhile; reload and try again.', { currentVersion });
export const invalidTransition = (from: string, operation: string) =>
  new AppError('INVALID_TRANSITION', `Cannot ${operation} from ${from}.`, { from, operation });
/**
 * Refused for now: HTTP 429 with Retry-After wherever it is thrown (Apollo applies `extensions.http`
 * from resolver errors too; the formatter drops it from the body).
 */
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('RATE_LIMITED', `Too many attempts; retry in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
    http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });
