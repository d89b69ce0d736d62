import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { dialectOf, exec, rows, type Dialect } from '../core/sql.js';
import { CHINA_OFFSET_MINUTES, ROLLUP_GRAINS, planRange, type PeriodSpan } from './period.rules.js';

type Grain = (typeof ROLLUP_GRAINS)[number];
/** The time dimensions a rollup can be read by. */
export type TimeDim = 'day' | 'month';
/** SQL text, or its form for each dialect where they differ. */
export type CubeSql = string | { sqlite: string; postgres: string };
const textOf = (s: CubeSql, dialect: Dialect): string => (typeof s === 'string' ? s : s[dialect]);

/**
 * A rollup ("cube") of a table of rows: the dimensions it groups by and the measures it sums, each
 * given as the rollup's column and the SQL that computes it from the rows. One definition serves
 * the rebuild, the increments in the write transactions and the exact reading of ragged range ends,
 * so that the rollup and a recount cannot disagree on what they count.
 */
export interface CubeSpec<D extends string, M extends string> {
  /** The rollup table. */
  table: string;
  /** The counted rows with an alias, e.g. `feedback f`. */
  source: string;
  /** The rows' instant column (epoch ms), e.g. `f.received_at`. */
  time: string;
  dims: Record<D | 'branchId', { column: string; source: string }>;
  measures: Record<M, { column: string; source: CubeSql }>;
  /** Coarser rollups of the same rows, kept and rebuilt with this one. */
  companions?: readonly CubeSpec<string, string>[];
  /** SQL over the source alias that a row must meet to be counted at all (e.g. not voided). */
  filter?: string;
}

/** A dimension or measure of a cube: the rollup's column and the SQL that computes it from the rows. */
export function cubeColumn<S extends CubeSql>(column: { name: string }, source: S): { column: string; source: S } {
  return { column: column.name, source };
}

export type CubeRow<K extends string, M extends string> = { [k in K]: string } & { [m in M]: number };

const OFFSET_SECONDS = CHINA_OFFSET_MINUTES * 60;
const periodOf = (grain: Grain, time: string, dialect: Dialect) =>
  dialect === 'postgres'
    ? `to_char(to_timestamp(${time} / 1000 + ${OFFSET_SECONDS}) AT TIME ZONE 'UTC', '${grain === 'DAY' ? 'YYYY-MM-DD' : 'YYYY-MM'}')`
    : `strftime('${grain === 'DAY' ? '%Y-%m-%d' : '%Y-%m'}', ${time} / 1000 + ${OFFSET_SECONDS}, 'unixepoch')`;
const quote = (name: string) => `"${name}"`;

function insertSelect<D extends string, M extends string>(
  spec: CubeSpec<D, M>,
  grain: Grain,
  where: string,
  measures: Partial<Record<M, string>> | null,
  dialect: Dialect,
): string {
  const dims = Object.values(spec.dims) as { column: string; source: string }[];
  const ms = Object.entries(spec.measures) as [M, { column: string; source: CubeSql }][];
  const columns = ['grain', 'period', ...dims.map((d) => d.column), ...ms.map(([, m]) => m.column)];
  const values = [
    `'${grain}'`,
    periodOf(grain, spec.time, dialect),
    ...dims.map((d) => d.source),
    ...ms.map(([name, m]) => (measures ? (measures[name] ?? '0') : textOf(m.source, dialect))),
  ];
  const groupBy = Array.from({ length: dims.length + 1 }, (_, i) => String(i + 2)).join(', ');
  const keys = ['grain', 'period', ...dims.map((d) => d.column)].join(', ');
  // PostgreSQL: an unqualified column in DO UPDATE would be ambiguous with `excluded`.
  const current = dialect === 'postgres' ? `${spec.table}.` : '';
  const add = ms.map(([, m]) => `${m.column} = ${current}${m.column} + excluded.${m.column}`).join(', ');
  const counted = spec.filter ? `(${where}) AND ${spec.filter}` : where;
  return `INSERT INTO ${spec.table} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM ${spec.source} WHERE ${counted}
    GROUP BY ${groupBy} ON CONFLICT (${keys}) DO UPDATE SET ${add}`;
}

/**
 * Recounts the whole rollup and its companions: the days from the rows, the months from the days
 * (every measure is a count).
 */
export async function rebuildCube<D extends string, M extends string>(db: Db, spec: CubeSpec<D, M>): Promise<void> {
  for (const companion of spec.companions ?? []) await rebuildCube(db, companion);
  const dialect = dialectOf(db);
  await exec(db, sql.raw(`DELETE FROM ${spec.table}`));
  await exec(db, sql.raw(insertSelect(spec, 'DAY', dialect === 'postgres' ? 'TRUE' : '1', null, dialect)));
  const dims = (Object.values(spec.dims) as { column: string }[]).map((d) => d.column);
  const measures = (Object.values(spec.measures) as { column: string }[]).map((m) => m.column);
  await exec(
    db,
    sql.raw(`INSERT INTO ${spec.table} (grain, period, ${[...dims, ...measures].join(', ')})
      SELECT 'MONTH', substr(period, 1, 7), ${[...dims, ...measures.map((m) => `sum(${m})`)].join(', ')} FROM ${spec.table}
      WHERE grain = 'DAY' GROUP BY ${Array.from({ length: dims.length + 1 }, (_, i) => String(i + 2)).join(', ')}`),
  );
}

// The increments run in every recording transaction: their statement texts are built once per
// cube, dialect and condition (the query builder cost several times the statement), each kept as
// the SQL pieces between the condition's `?` placeholders.
const built = new WeakMap<object, Map<string, SQL[][]>>();
function statements<D extends string, M extends string>(
  dialect: Dialect,
  spec: CubeSpec<D, M>,
  where: string,
  measures: Partial<Record<M, string>> | null,
): SQL[][] {
  let byKey = built.get(spec);
  if (!byKey) built.set(spec, (byKey = new Map()));
  const key = `${dialect}\u0000${where}${measures ? `\u0000${JSON.stringify(measures)}` : ''}`;
  let list = byKey.get(key);
  if (!list)
    byKey.set(
      key,
      (list = ROLLUP_GRAINS.map((grain) => {
        const [head, tail] = insertSelect(spec, grain, '\u0000', measures, dialect).split('\u0000');
        const parts = where.split('?');
        parts[0] = head! + parts[0]!;
        parts[parts.length - 1] += tail!;
        return parts.map((p) => sql.raw(p));
      })),
    );
  return list;
}

/** The statement of `parts` (the text between placeholders) with `params` in the placeholders. */
function bind(parts: readonly SQL[], params: readonly (string | number)[]): SQL {
  if (params.length !== parts.length - 1) throw new Error(`expected ${parts.length - 1} parameters, got ${params.length}`);
  const chunks: SQL[] = [parts[0]!];
  params.forEach((p, i) => chunks.push(sql`${p}`, parts[i + 1]!));
  return sql.join(chunks);
}

/**
 * Adds the rows matching `where` to the rollup at every grain, and to its companions, in the
 * caller's transaction: `where` is SQL over the spec's source alias, either a fixed text with `?`
 * for `params` (its text built once: the recording paths) or a drizzle SQL fragment. With `measures`,
 * adds those expressions instead (the others count 0), to this rollup alone: a correction for rows
 * already counted.
 */
export async function addToCube<D extends string, M extends string>(
  db: Db,
  spec: CubeSpec<D, M>,
  where: string | SQL,
  params: readonly (string | number)[] = [],
  measures: Partial<Record<M, string>> | null = null,
): Promise<void> {
  if (!measures) for (const companion of spec.companions ?? []) await addToCube(db, companion, where, params);
  const dialect = dialectOf(db);
  if (typeof where === 'string') {
    for (const parts of statements(dialect, spec, where, measures)) await exec(db, bind(parts, params));
    return;
  }
  for (const grain of ROLLUP_GRAINS) {
    const [head, tail] = insertSelect(spec, grain, '\u0000', measures, dialect).split('\u0000');
    await exec(db, sql`${sql.raw(head!)}${where}${sql.raw(tail!)}`);
  }
}

/**
 * Takes one row's counts out of the rollup at every grain, and out of its companions, in the
 * caller's transaction: for a row corrected or voided after it was counted, given as it was counted
 * (its dimension values, its time, its measures), since the row itself now holds other values.
 */
export async function subtractFromCube<D extends string, M extends string>(
  db: Db,
  spec: CubeSpec<D, M>,
  counted: { dims: Readonly<Record<string, string>>; time: number; measures: Readonly<Partial<Record<string, number>>> },
): Promise<void> {
  for (const companion of spec.companions ?? []) await subtractFromCube(db, companion, counted);
  const dialect = dialectOf(db);
  const dims = Object.entries(spec.dims) as [string, { column: string }][];
  const ms = Object.entries(spec.measures) as [string, { column: string }][];
  for (const grain of ROLLUP_GRAINS) {
    const set = sql.join(
      ms.map(([name, m]) => sql`${sql.raw(m.column)} = ${sql.raw(m.column)} - ${counted.measures[name] ?? 0}`),
      sql.raw(', '),
    );
    // The period computed in SQL as the increments compute it, so that both name the same cell
    // (the time is a number: safe inline).
    const where = [
      sql`grain = ${grain}`,
      sql`period = ${sql.raw(periodOf(grain, String(Math.trunc(counted.time)), dialect))}`,
      ...dims.map(([name, d]) => sql`${sql.raw(d.column)} = ${counted.dims[name] ?? ''}`),
    ];
    await exec(db, sql`UPDATE ${sql.raw(spec.table)} SET ${set} WHERE ${all(where)}`);
  }
}

const spanCondition = (column: string, [from, to]: PeriodSpan): SQL[] => [
  ...(from === null ? [] : [sql`${sql.raw(column)} >= ${from}`]),
  ...(to === null ? [] : [sql`${sql.raw(column)} < ${to}`]),
];
const all = (parts: SQL[]): SQL => (parts.length ? sql.join(parts, sql.raw(' AND ')) : sql`1 = 1`);
const any = (parts: SQL[]): SQL => sql`(${sql.join(parts, sql.raw(' OR '))})`;
const inList = (column: string, ids: readonly string[]): SQL =>
  sql`${sql.raw(column)} IN (${sql.join(
    ids.map((id) => sql`${id}`),
    sql.raw(', '),
  )})`;

/**
 * Sums the measures over [from, to) (null: unbounded) for the given branches (null: all), grouped
 * by `dims`: whole months and days from the rollup, the partial days at the ends from the rows.
 * The cost is the number of groups in the range plus the rows of at most two partial days.
 */
export async function readCube<D extends string, M extends string, K extends D | 'branchId' | TimeDim>(
  db: Db,
  spec: CubeSpec<D, M>,
  range: { from: number | null; to: number | null },
  branchIds: readonly string[] | null,
  dims: readonly K[],
): Promise<CubeRow<K, M>[]> {
  if (branchIds && !branchIds.length) return [];
  const dialect = dialectOf(db);
  const plan = planRange(range.from, range.to, { months: !dims.includes('day' as K) });
  const measures = Object.entries(spec.measures) as [M, { column: string; source: CubeSql }][];
  const dimSpec = spec.dims as Record<string, { column: string; source: string }>;
  const groupBy = dims.length ? ` GROUP BY ${dims.map((_, i) => String(i + 1)).join(', ')}` : '';
  const rowsOf = (select: string[], from: string, where: SQL[]) =>
    rows<Record<string, string | number>>(
      db,
      sql`${sql.raw(`SELECT ${select.join(', ')} FROM ${from} WHERE`)} ${all(where)} ${sql.raw(`${groupBy} HAVING count(*) > 0`)}`,
    );
  const found: Record<string, string | number>[] = [];

  const spans = [
    ...plan.days.map((s) => all([sql.raw("grain = 'DAY'"), ...spanCondition('period', s)])),
    ...plan.months.map((s) => all([sql.raw("grain = 'MONTH'"), ...spanCondition('period', s)])),
  ];
  if (spans.length) {
    const select = [
      ...dims.map((d) => `${d === 'day' ? 'period' : d === 'month' ? 'substr(period, 1, 7)' : dimSpec[d]!.column} AS ${quote(d)}`),
      ...measures.map(([name, m]) => `sum(${m.column}) AS ${quote(name)}`),
    ];
    const where = [any(spans), ...(branchIds ? [inList(spec.dims.branchId.column, branchIds)] : [])];
    found.push(...(await rowsOf(select, spec.table, where)));
  }
  if (plan.raw.length) {
    const select = [
      ...dims.map(
        (d) =>
          `${d === 'day' ? periodOf('DAY', spec.time, dialect) : d === 'month' ? periodOf('MONTH', spec.time, dialect) : dimSpec[d]!.source} AS ${quote(d)}`,
      ),
      ...measures.map(([name, m]) => `${textOf(m.source, dialect)} AS ${quote(name)}`),
    ];
    const where = [
      any(plan.raw.map(([a, b]) => sql`(${sql.raw(spec.time)} >= ${a} AND ${sql.raw(spec.time)} < ${b})`)),
      ...(branchIds ? [inList(spec.dims.branchId.source, branchIds)] : []),
      ...(spec.filter ? [sql.raw(spec.filter)] : []),
    ];
    found.push(...(await rowsOf(select, spec.source, where)));
  }

  const merged = new Map<string, CubeRow<K, M>>();
  for (const r of found) {
    const key = dims.map((d) => String(r[d])).join('\u0000');
    const row = merged.get(key);
    if (!row) {
      const fresh = {} as Record<string, string | number>;
      for (const d of dims) fresh[d] = String(r[d]);
      for (const [name] of measures) fresh[name] = Number(r[name] ?? 0);
      merged.set(key, fresh as CubeRow<K, M>);
    } else {
      const sums = row as Record<string, number>;
      for (const [name] of measures) sums[name] = (sums[name] ?? 0) + Number(r[name] ?? 0);
    }
  }
  return [...merged.values()];
}
