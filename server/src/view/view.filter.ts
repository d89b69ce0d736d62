import { coerceInputValue, isInputObjectType, type GraphQLSchema } from 'graphql';
import { badInput } from '../core/errors.js';
import type { ViewListCode } from './view.table.js';

/** The lists that can be exported: those with saved views, and the complaint cases (投诉工单). */
export type ExportListCode = ViewListCode | 'COMPLAINTS';

/** Each list's filter input type: what a saved view or an export's `filter` must be. */
export const FILTER_TYPE: Record<ExportListCode, string> = {
  INBOX: 'FeedbackFilter',
  PROBLEMS: 'ProblemFilter',
  ACTIONS: 'ActionFilter',
  COMPLAINTS: 'ComplaintFilter',
};

/** The longest filter a view keeps or an export reads (JSON text). */
export const FILTER_MAX_CHARS = 4000;

/** A list's filter, checked: the JSON as given (to store) and the value as the list's query takes it. */
export interface ListFilter {
  json: string;
  value: Record<string, unknown>;
}

/**
 * Reads a filter given as JSON text and checks it against the list's filter input type of the
 * served schema, exactly as GraphQL coerces a variable of that type (unknown fields, wrong enum
 * values, malformed dates and ids are refused): BAD_USER_INPUT naming `field` otherwise.
 */
export function listFilterOf(schema: GraphQLSchema, list: ExportListCode, text: string | null | undefined, field: string): ListFilter {
  const raw = text?.trim() ? text : '{}';
  if (raw.length > FILTER_MAX_CHARS) throw badInput(field, `${field} may have at most ${FILTER_MAX_CHARS} characters.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badInput(field, `${field} is not JSON.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw badInput(field, `${field} must be a ${FILTER_TYPE[list]} object.`);
  const type = schema.getType(FILTER_TYPE[list]);
  if (!isInputObjectType(type)) throw new Error(`${FILTER_TYPE[list]} is not an input type of the schema`);
  const problems: string[] = [];
  const value = coerceInputValue(parsed, type, (path, _invalid, error) => {
    problems.push(`${[field, ...path].join('.')}: ${error.message}`);
  }) as Record<string, unknown>;
  if (problems.length) throw badInput(field, `${field} is not a valid ${FILTER_TYPE[list]}: ${problems.join('; ')}`);
  return { json: JSON.stringify(parsed), value };
}
