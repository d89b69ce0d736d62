import {
  Kind,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { AppError } from './errors.js';
import { measureOperation, limitProblem, sourceProblem, type QueryLimits } from './limits.rules.js';

/** Parses a document within the size and token limits; QUERY_TOO_COMPLEX past them. */
export function parseWithinLimits(query: string, limits: QueryLimits): DocumentNode {
  const tooLarge = sourceProblem(query, limits);
  if (tooLarge) throw new AppError('QUERY_TOO_COMPLEX', tooLarge);
  try {
    return parse(query, { maxTokens: limits.maxTokens });
  } catch (err) {
    const message = (err as Error).message;
    if (/more tha[nt] \d+ tokens/.test(message))
      throw new AppError('QUERY_TOO_COMPLEX', `The query has more than ${limits.maxTokens} tokens.`);
    throw new AppError('BAD_USER_INPUT', message, { reason: 'GRAPHQL_PARSE_FAILED' });
  }
}

/** graphql-js's rules, without introspection where it is switched off. */
export function validationRules(introspection: boolean): readonly ValidationRule[] {
  return introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
}

type Measure = ReturnType<typeof measureOperation>;
/** Measures kept per parsed document (Apollo and graphql-ws reuse a document's parse). */
const measured = new WeakMap<DocumentNode, Map<string, Measure>>();
const MEASURES_PER_DOCUMENT = 64;

/**
 * A document's measure for these variables, remembered: it walks the whole operation with its
 * fragments, about as long as executing a small page, and a dashboard sends the same document
 * with the same variables over and over. Keyed by the document object, so a schema or limits
 * change (a new process) starts afresh; at most 64 variable sets a document.
 */
function measureOnce(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): Measure {
  let byVariables = measured.get(document);
  if (!byVariables) measured.set(document, (byVariables = new Map()));
  const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
  let measure = byVariables.get(key);
  if (!measure) {
    measure = measureOperation(schema, document, operationName, variables);
    if (byVariables.size >= MEASURES_PER_DOCUMENT) byVariables.clear();
    byVariables.set(key, measure);
  }
  return measure;
}

/**
 * The checks a valid document must pass before anything runs: depth, aliases, directives, cost,
 * and `login` at most once and never aliased (so that one request cannot try many passwords).
 * Returns the operation's cost, which the rate limiter charges.
 */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: QueryLimits,
): number {
  const measure = measureOnce(schema, document, operationName, variables ?? {});
  const problem = limitProblem(measure, limits);
  if (problem) throw new AppError('QUERY_TOO_COMPLEX', problem, { ...measure });
  let logins = 0;
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION || def.operation !== 'mutation') continue;
    for (const sel of def.selectionSet.selections) {
      if (sel.kind !== Kind.FIELD || sel.name.value !== 'login') continue;
      logins++;
      if (sel.alias) throw new AppError('BAD_USER_INPUT', 'login may not be aliased.', { field: 'login' });
    }
  }
  if (logins > 1) throw new AppError('BAD_USER_INPUT', 'login may appear once in a request.', { field: 'login' });
  return Math.max(1, measure.cost);
}

/** Full validation for the WebSocket path, which Apollo's pipeline does not cover. */
export function validateDocument(schema: GraphQLSchema, document: DocumentNode, introspection: boolean): AppError | undefined {
  const errors = validate(schema, document, validationRules(introspection));
  if (!errors.length) return undefined;
  const first = errors[0]!;
  return new AppError('BAD_USER_INPUT', first.message, { reason: 'GRAPHQL_VALIDATION_FAILED', locations: first.locations });
}
