import path from 'node:path';
import Database from 'better-sqlite3';
import { startHub } from '../utils/hub.js';
import { tempDir } from '../utils/temp.js';
import { openConnection } from '../../server/src/core/db.js';
import { startPlainGraphql, startFixedJson } from './baselines/plain-graphql.js';
import { autocannon, alternate, recordFeedbackBody, type BenchRow } from './util.js';

const READ = '{ problems(first: 50) { totalCount edges { node { id code title status category { name } branches { code } } } } }';
/** The least an authenticated query costs: the pipeline row 1 runs through, without its data. */
const FLOOR = '{ me { id } }';
const SECONDS = 5;
const ROUNDS = 3;

/** Rows 1 and 2 of the benchmark table: the read path and the write path over HTTP. */
export async function benchReadWrite(): Promise<{ rows: BenchRow[] }> {
  const hub = await startHub({
    demo: { feedback: 30_000, contacts: 1_000 },
    env: { RATE_POINTS_PER_MINUTE: '1000000000', NODE_ENV: 'production' },
  });
  const rows: BenchRow[] = [];
  try {
    const token = await hub.login('coordinator');
    const auth = { authorization: `Bearer ${token}` };
    const reference = await hub.gql(token, READ);
    const nodes = reference.data!.problems.edges.map((e: { node: unknown }) => e.node);
    const plain = await startPlainGraphql(nodes);
    const fixed = await startFixedJson(JSON.stringify(reference));
    const body = JSON.stringify({ query: READ });
    const hubRps = () => autocannon(hub.url, { body, connections: 20, seconds: SECONDS, headers: auth }).then((r) => r.requestsPerSecond);
    const plainRps = () => autocannon(plain.url, { body, connections: 20, seconds: SECONDS }).then((r) => r.requestsPerSecond);
    const fixedRps = () => autocannon(fixed.url, { body, connections: 20, seconds: SECONDS }).then((r) => r.requestsPerSecond);
    const floorBody = JSON.stringify({ query: FLOOR });
    const floorRps = () =>
      autocannon(hub.url, { body: floorBody, connections: 20, seconds: SECONDS, headers: auth }).then((r) => r.requestsPerSecond);
    const vsPlain = await alternate(ROUNDS, hubRps, plainRps);
    const vsFixed = await alternate(ROUNDS, hubRps, fixedRps);
    const floor = await alternate(ROUNDS, floorRps, plainRps);
    await plain.close();
    await fixed.close();
    rows.push({
      name: '1. read: problems(first: 50) as coordinator, vs plain graphql-js + document cache from memory',
      value: vsPlain.a,
      unit: 'req/s',
      baseline: vsPlain.b,
      ratio: vsPlain.a / vsPlain.b,
      target: '≥ 1.0×',
    });
    rows.push({
      name: '1. read ceiling: `{ me { id } }` through the same pipeline (HTTP, Apollo, auth, limits, audit), vs the same baseline',
      value: floor.a,
      unit: 'req/s',
      baseline: floor.b,
      ratio: floor.a / floor.b,
      note: 'what row 1 could reach if its 50 rows cost nothing',
    });
    rows.push({
      name: '1. read: the same, vs node:http sending the fixed JSON (serialisation limit)',
      value: vsFixed.a,
      unit: 'req/s',
      baseline: vsFixed.b,
      ratio: vsFixed.a / vsFixed.b,
      target: 'stretch ≥ 0.5×',
    });

    const agent = await hub.login('agent');
    const writeBody = await recordFeedbackBody(hub, agent);
    const hubWrites = await autocannon(hub.url, {
      body: writeBody,
      connections: 50,
      seconds: SECONDS * 2,
      headers: { authorization: `Bearer ${agent}` },
    });
    const raw = rawSingleRowInserts(SECONDS * 2);
    rows.push({
      name: '2. write: recordFeedback over HTTP, 50 clients, vs raw better-sqlite3 single-row inserts (WAL, synchronous=FULL)',
      value: hubWrites.requestsPerSecond,
      unit: 'req/s',
      baseline: raw,
      ratio: hubWrites.requestsPerSecond / raw,
      note: `p99 ${hubWrites.p99} ms, errors ${hubWrites.errors + hubWrites.non2xx}`,
    });
  } finally {
    await hub.stop();
  }
  return { rows };
}

/** The write baseline: one row per autocommit transaction, with the hub's durability settings. */
function rawSingleRowInserts(seconds: number): number {
  const file = path.join(tempDir('voc-hub-bench-raw-'), 'raw.sqlite');
  const conn: Database.Database = openConnection(file);
  conn.exec(
    'CREATE TABLE f (id TEXT PRIMARY KEY, kind TEXT, channel TEXT, category_id TEXT, branch_id TEXT, received_at INTEGER, text TEXT, recorded_by TEXT, created_at INTEGER)',
  );
  const insert = conn.prepare('INSERT INTO f VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const end = Date.now() + seconds * 1000;
  let n = 0;
  const started = Date.now();
  while (Date.now() < end) {
    insert.run(`fb_${n}`, 'PROBLEM', 'VOICE', 'cat', 'br', Date.now(), '手机银行转账失败，提示系统繁忙', 'usr', Date.now());
    n++;
  }
  conn.close();
  return n / ((Date.now() - started) / 1000);
}
