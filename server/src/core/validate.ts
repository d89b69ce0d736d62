import { badInput } from './errors.js';
import { typeOfId, type NodeTypeName } from './ids.js';

/** Trims and checks a required text's length; names the field when it refuses. */
export function requiredText(field: string, value: string, max: number, min = 1): string {
  const trimmed = value.trim();
  if (trimmed.length < min) return fail(field, min === 1 ? 'must not be empty' : `must have at least ${min} characters`);
  if (trimmed.length > max) return fail(field, `must have at most ${max} characters (got ${trimmed.length})`);
  return trimmed;
}

/** Like requiredText, but null/undefined/blank become null. */
export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  if (trimmed.length > max) return fail(field, `must have at most ${max} characters (got ${trimmed.length})`);
  return trimmed;
}

/** Checks an id names the expected type; existence is the repository's job. */
export function idOf(field: string, value: string, type: NodeTypeName): string {
  if (typeof value !== 'string' || typeOfId(value) !== type) return fail(field, `is not a ${type} id`);
  return value;
}

export function validDate(field: string, value: Date): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return fail(field, 'is not a valid date-time');
  return value;
}

/** Ids given as a list: each of the right type, no repeats, within bounds. */
export function idList(field: string, values: readonly string[], type: NodeTypeName, min: number, max: number): string[] {
  if (values.length < min) fail(field, min === 1 ? 'must name at least one' : `must name at least ${min}`);
  if (values.length > max) fail(field, `may name at most ${max}`);
  const seen = new Set<string>();
  values.forEach((v, i) => {
    idOf(`${field}[${i}]`, v, type);
    seen.add(v);
  });
  if (seen.size !== values.length) fail(field, 'names the same id twice');
  return [...seen];
}

function fail(field: string, message: string): never {
  throw badInput(field, `${field} ${message}.`);
}
