import type Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { CHINA_OFFSET_MINUTES, planRange, type PeriodSpan } from './report.rules.js';
import { ROLLUP_GRAINS } from './report.table.js';

type Grain = (typeof ROLLUP_GRAINS)[number];
/** The time dimensions a rollup can be read by. */
export type TimeDim = 'day' | 'month';

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
  measures: Record<M, { column: string; source: string }>;
  /** Coarser rollups of the same rows, kept and rebuilt with this one. */
  companions?: readonly CubeSpec<string, string>[];
}

export type CubeRow<K extends string, M extends string> = { [k in K]: string } & { [m in M]: number };

const OFFSET_SECONDS = CHINA_OFFSET_MINUTES * 60;
const periodOf = (grain: Grain, time: string) =>
  `strftime('${grain === 'DAY' ? '%Y-%m-%d' : '%Y-%m'}', ${time} / 1000 + ${OFFSET_SECONDS}, 'unixepoch')`;
const quote = (name: string) => `"${name}"`;

function insertSelect<D extends string, M extends string>(
  spec: CubeSpec<D, M>,
  grain: Grain,
  where: string,
  measures: Partial<Record<M, string>> | null,
): string {
  const dims = Object.values(spec.dims) as { column: string; source: string }[];
  const ms = Object.entries(spec.measures) as [M, { column: string; source: string }][];
  const columns = ['grain', 'period', ...dims.map((d) => d.column), ...ms.map(([, m]) => m.column)];
  const values = [
    `'${grain}'`,
    periodOf(grain, spec.time),
    ...dims.map((d) => d.source),
    ...ms.map(([name, m]) => (measures ? (measures[name] ?? '0') : m.source)),
  ];
  const groupBy = Array.from({ length: dims.length + 1 }, (_, i) => String(i + 2)).join(', ');
  const keys = ['grain', 'period', ...dims.map((d) => d.column)].join(', ');
  const add = ms.map(([, m]) => `${m.column} = ${m.column} + excluded.${m.column}`).join(', ');
  return `INSERT INTO ${spec.table} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM ${spec.source} WHERE ${where}
    GROUP BY ${groupBy} ON CONFLICT (${keys}) DO UPDATE SET ${add}`;
}

/**
 * Recounts the whole rollup and its companions: the days from the rows, the months from the days
 * (every measure is a count).
 */
export function rebuildCube<D extends string, M extends string>(db: Db, spec: CubeSpec<D, M>): void {
  for (const companion of spec.companions ?? []) rebuildCube(db, companion);
  db.run(sql.raw(`DELETE FROM ${spec.table}`));
  db.run(sql.raw(insertSelect(spec, 'DAY', '1', null)));
  const dims = (Object.values(spec.dims) as { column: string }[]).map((d) => d.column);
  const measures = (Object.values(spec.measures) as { column: string }[]).map((m) => m.column);
  db.run(
    sql.raw(`INSERT INTO ${spec.table} (grain, period, ${[...dims, ...measures].join(', ')})
      SELECT 'MONTH', substr(period, 1, 7), ${[...dims, ...measures.map((m) => `sum(${m})`)].join(', ')} FROM ${spec.table}
      WHERE grain = 'DAY' GROUP BY ${Array.from({ length: dims.length + 1 }, (_, i) => String(i + 2)).join(', ')}`),
  );
}

// The increments run in every recording transaction: their statements are built and prepared
// once per cube, connection and condition (the query builder cost several times the statement).
const prepared = new WeakMap<object, WeakMap<Database.Database, Map<string, Database.Statement[]>>>();
function statements<D extends string, M extends string>(
  db: Db,
  spec: CubeSpec<D, M>,
  where: string,
  measures: Partial<Record<M, string>> | null,
): Database.Statement[] {
  const client = (db as unknown as { $client: Database.Database }).$client;
  let byClient = prepared.get(spec);
  if (!byClient) prepared.set(spec, (byClient = new WeakMap()));
  let byWhere = byClient.get(client);
  if (!byWhere) byClient.set(client, (byWhere = new Map()));
  const key = measures ? `${where}\u0000${JSON.stringify(measures)}` : where;
  let list = byWhere.get(key);
  if (!list) byWhere.set(key, (list = ROLLUP_GRAINS.map((grain) => client.prepare(insertSelect(spec, grain, where, measures)))));
  return list;
}

/**
 * Adds the rows matching `where` to the rollup at every grain, and to its companions, in the
 * caller's transaction: `where` is SQL over the spec's source alias, either a fixed text with `?`
 * for `params` (prepared once: the recording paths) or a drizzle SQL fragment. With `measures`,
 * adds those expressions instead (the others count 0), to this rollup alone: a correction for rows
 * already counted.
 */
export function addToCube<D extends string, M extends string>(
  db: Db,
  spec: CubeSpec<D, M>,
  where: string | SQL,
  params: readonly (string | number)[] = [],
  measures: Partial<Record<M, string>> | null = null,
): void {
  if (!measures) for (const companion of spec.companions ?? []) addToCube(db, companion, where, params);
  if (typeof where === 'string') {
    for (const st of statements(db, spec, where, measures)) st.run(...params);
    return;
  }
  for (const grain of ROLLUP_GRAINS) {
    const [head, tail] = insertSelect(spec, grain, '\u0000', measures).split('\u0000');
    db.run(sql`${sql.raw(head!)}${where}${sql.raw(tail!)}`);
  }
}

const spanCondition = (column: string, [from, to]: PeriodSpan): SQL[] => [
  ...(from === null ? [] : [sql`${sql.raw(column)} >= ${from}`]),
  ...(to === null ? [] : [sql`${sql.raw(column)} < ${to}`]),
];
const all = (parts: SQL[]): SQL => (parts.length ? sql.join(parts, sql.raw(' AND ')) : sql`1`);
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
export function readCube<D extends string, M extends string, K extends D | 'branchId' | TimeDim>(
  db: Db,
  spec: CubeSpec<D, M>,
  range: { from: number | null; to: number | null },
  branchIds: readonly string[] | null,
  dims: readonly K[],
): CubeRow<K, M>[] {
  if (branchIds && !branchIds.length) return [];
  const plan = planRange(range.from, range.to, { months: !dims.includes('day' as K) });
  const measures = Object.entries(spec.measures) as [M, { column: string; source: string }][];
  const dimSpec = spec.dims as Record<string, { column: string; source: string }>;
  const groupBy = dims.length ? ` GROUP BY ${dims.map((_, i) => String(i + 1)).join(', ')}` : '';
  const rowsOf = (select: string[], from: string, where: SQL[]) =>
    db.all<Record<string, string | number>>(
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
    found.push(...rowsOf(select, spec.table, where));
  }
  if (plan.raw.length) {
    const select = [
      ...dims.map(
        (d) =>
          `${d === 'day' ? periodOf('DAY', spec.time) : d === 'month' ? periodOf('MONTH', spec.time) : dimSpec[d]!.source} AS ${quote(d)}`,
      ),
      ...measures.map(([name, m]) => `${m.source} AS ${quote(name)}`),
    ];
    const where = [
      any(plan.raw.map(([a, b]) => sql`(${sql.raw(spec.time)} >= ${a} AND ${sql.raw(spec.time)} < ${b})`)),
      ...(branchIds ? [inList(spec.dims.branchId.source, branchIds)] : []),
    ];
    found.push(...rowsOf(select, spec.source, where));
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
