import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, CONTRACT_ERROR_CODES } from './errors.js';
import type { Logger } from './logger.js';
import { maskPersonalData } from './mask.rules.js';

const CONTRACT_CODES: ReadonlySet<string> = new Set(CONTRACT_ERROR_CODES);
/** Errors graphql-js and Apollo raise for a malformed request: the client's fault, said plainly. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * PostgreSQL refused a text holding U+0000, which its text type cannot store (SQLite stores it):
 * character_not_in_repertoire (22021), raised by node-postgres, or by drizzle as its query error's
 * cause. The hub never writes one itself (and JavaScript strings always encode to valid UTF-8),
 * so the character came in with the request: bad input, whichever argument or field held it.
 */
export function isNulInText(err: unknown): boolean {
  const codeOf = (e: unknown) => (e && typeof e === 'object' ? (e as { code?: unknown }).code : undefined);
  return codeOf(err) === '22021' || codeOf((err as { cause?: unknown } | null)?.cause) === '22021';
}

const VARIABLE_VALUE = /^(Variable "\$[_A-Za-z][_0-9A-Za-z]*" got invalid value) [\s\S]*?((?: at "[_0-9A-Za-z.[\]]+")?)$/;
const LITERAL_VALUE = /^(Expected value of type "[^"]+"), found [\s\S]*$/;
const LEAF_VALUE = /^((?:Expected type "[^"]+"\. )?[_A-Za-z][_0-9A-Za-z]* cannot represent [^:]*?): [\s\S]*$/;

/**
 * graphql-js quotes the submitted value in its input errors (`Variable "$input" got invalid value
 * { username: "…", password: "…" }; Field "username" … was not provided.`, `Expected value of type
 * "String!", found { … }`, `String cannot represent a non string value: …`), which would put a
 * password into the answer and the log. The message is rebuilt from its parts without the value:
 * the variable, the path inside it and graphql-js's reason stay. The inner reason is graphql-js's
 * own error (originalError), so the split never depends on what the value contains.
 */
export function withoutSubmittedValues(message: string, inner: string | undefined): string {
  const reasonOf = (text: string) => text.replace(LEAF_VALUE, '$1.');
  if (inner !== undefined && message.endsWith(inner) && message !== inner) {
    const head = message.slice(0, message.length - inner.length).replace(/[;.]\s*$/, '');
    const variable = VARIABLE_VALUE.exec(head);
    if (variable) return `${variable[1]}${variable[2]}; ${reasonOf(inner)}`;
    const literal = LITERAL_VALUE.exec(head);
    if (literal) return `${literal[1]}; ${reasonOf(inner)}`;
  }
  const literal = LITERAL_VALUE.exec(message);
  if (literal) return `${literal[1]}.`;
  const variable = /^(Variable "\$[_A-Za-z][_0-9A-Za-z]*" got invalid value)/.exec(message);
  if (variable) return `${variable[1]}.`;
  return reasonOf(message);
}

const clean = (message: string, hideSuggestions: boolean, inner?: string) =>
  maskPersonalData(withoutSubmittedValues(hideSuggestions ? message.replace(/\s*Did you mean .*$/s, '') : message, inner));

/** graphql-js's own reason inside an input error, when it wraps one. */
function innerMessage(error: unknown): string | undefined {
  const inner = error instanceof GraphQLError ? error.originalError : undefined;
  return inner instanceof Error && inner !== error ? inner.message : undefined;
}

/**
 * The one error formatter, for HTTP and WebSocket alike: contract errors pass (masked of personal
 * data), malformed requests become BAD_USER_INPUT, and anything else is an internal error with a
 * correlation id — the detail goes to the log, never to the client. In production, graphql-js's
 * "Did you mean …" suggestions are dropped: they would disclose the schema.
 */
export function formatHubError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: Logger,
  requestId?: string,
  hideSuggestions = false,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof AppError) {
    const extensions: Record<string, unknown> = { ...original.extensions };
    delete extensions.http; // Apollo's status and headers, already applied to the response
    return { message: clean(original.message, hideSuggestions), locations: formatted.locations, path: formatted.path, extensions };
  }
  const code = String(formatted.extensions?.code ?? '');
  if (CONTRACT_CODES.has(code) && original instanceof GraphQLError) {
    const extensions = { ...formatted.extensions };
    delete extensions.stacktrace;
    return {
      message: clean(formatted.message, hideSuggestions, innerMessage(error)),
      locations: formatted.locations,
      path: formatted.path,
      extensions,
    };
  }
  if (/more tha[nt] \d+ tokens/.test(formatted.message)) {
    return { message: 'The query has too many tokens.', extensions: { code: 'QUERY_TOO_COMPLEX' } };
  }
  // An error without a path whose cause is graphql-js's own (parsing, validation, a variable value
  // that does not fit its type) comes from the request, never from a resolver: the client's to fix.
  if (REQUEST_ERROR_CODES.has(code) || (error instanceof GraphQLError && !error.path && original instanceof GraphQLError)) {
    return {
      message: clean(formatted.message, hideSuggestions, innerMessage(error)),
      locations: formatted.locations,
      extensions: { code: 'BAD_USER_INPUT', reason: code || 'INVALID_REQUEST' },
    };
  }
  if (isNulInText(original)) {
    return {
      message: 'A text must not contain the NUL character (U+0000).',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', reason: 'NUL_CHARACTER' },
    };
  }
  const correlationId = requestId ?? randomUUID();
  const detail = original instanceof Error ? original : new Error(String(original));
  log.error(
    {
      correlationId,
      err: { message: maskPersonalData(detail.message), stack: maskPersonalData(detail.stack ?? '') },
      path: formatted.path,
    },
    'internal error',
  );
  return {
    message: `Internal error; quote ${correlationId} to support.`,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
  };
}
