import { badInput } from './errors.js';

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

/** `first` defaults to 20 and may not exceed 100. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw badInput('first', `first must be between 0 and ${MAX_PAGE}.`);
  return first;
}

/** Opaque keyset cursors: the sort key of the last row seen. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, shape: readonly ('string' | 'number')[]): (string | number)[] | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === shape.length && key.every((k, i) => typeof k === shape[i])) return key as (string | number)[];
  } catch {
    // fall through to the error
  }
  throw badInput('after', 'after is not a cursor of this list.');
}

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  totalCount: number;
  cursorOf: (node: T) => string;
}

/**
 * A keyset page from rows read with one more than the page size (`limit + 1`): the extra row only
 * says whether there is a next page.
 */
export function pageOf<T>(rows: T[], limit: number, totalCount: number, cursorOf: (node: T) => string): Page<T> {
  return { nodes: rows.slice(0, limit), hasNextPage: rows.length > limit, totalCount, cursorOf };
}
