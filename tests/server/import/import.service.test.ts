import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { startHub, TestClock, type TestHub } from '../../utils/hub.js';
import { bankTime, HOUR } from '../deadline/loop.factory.js';
import type { ImportRequest } from '../../../server/src/import/import.service.js';
import { rows } from '../../../server/src/core/sql.js';
import { findUserByUsername } from '../../../server/src/user/user.repository.js';
import type { Viewer } from '../../../server/src/core/viewer.rules.js';
import { backgroundCsv } from '../insight/corpus.js';

const csvOf = (rows: string[][]) =>
  rows.map((r) => r.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',')).join('\r\n');
const source = (text: string | Buffer, chunk = 37) => {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  return (async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  })();
};

const FEEDBACK_HEADER = ['externalId', '类型', '渠道', 'category', 'branch', '受理时间', '内容', '是否投诉', 'customerRef'];

describe('bulk import of feedback and contacts', () => {
  let hub: TestHub;
  const clock = new TestClock(bankTime('2026-03-02 09:00'));
  const countOn = async (on: TestHub, sql: string, ...args: unknown[]) => (await on.db.get<{ n: number }>(sql, ...args))!.n;
  const count = (sql: string, ...args: unknown[]) => countOn(hub, sql, ...args);
  const viewerOf = async (on: TestHub, username: string): Promise<Viewer> =>
    on.app.services.auth.viewerOf((await findUserByUsername(on.store.read, username))!);
  /** The id of the demo's reference row with this code. */
  const idOf = async (table: 'branches' | 'categories', code: string) =>
    (await hub.db.get<{ id: string }>(`SELECT id FROM ${table} WHERE code = ?`, code))!.id;
  /** How many notifications of a kind a user has. */
  const notificationsOf = (username: string, kind: string) =>
    count('SELECT count(*) AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = ? AND n.kind = ?', username, kind);
  const run = async (request: Partial<ImportRequest> & { kind: ImportRequest['kind'] }, body: string | Buffer, as = 'analyst') =>
    hub.app.services.imports.importFile(await viewerOf(hub, as), { format: 'CSV', fileName: 'calls.csv', ...request }, source(body));

  beforeAll(async () => {
    hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
    clock.set(bankTime('2026-04-01 09:00'));
    // Feedback as agents write it, three weeks back and indexed: the weights the 3-in-3 rule compares texts by.
    await run({ kind: 'FEEDBACK' }, backgroundCsv('2026-03-10 10:00'));
    await hub.app.services.insight.catchUp();
  });
  afterAll(() => hub.stop());

  const feedbackFile = () =>
    csvOf([
      FEEDBACK_HEADER,
      ['CC-1', 'PROBLEM', '人工坐席', 'CREDIT_CARD', 'SH', '2026-03-30 10:15:00', '还款提醒短信没收到，手机13812345678', '是', 'CUST-1'],
      ['CC-2', '建议', 'online', 'deposit', 'bj', '2026-03-30T02:00:00Z', '希望延长营业时间', '否', ''],
      ['CC-3', 'COMPLAINT', 'VOICE', 'CREDIT_CARD', 'SH', '2026-03-30 10:00', '类型不对', '', 'CUST-3'],
      ['CC-4', 'PRAISE', 'VOICE', 'CREDIT_CARD', 'NOWHERE', '2026-03-30 10:00', '机构不存在', '', ''],
      ['CC-5', 'PRAISE', 'VOICE', 'CREDIT_CARD', 'SH', '2026-05-01 10:00', '来自未来', '', ''],
      ['CC-6', 'PRAISE', 'VOICE', 'CREDIT_CARD', 'SH', '2026-03-30 10:00', '', '', ''],
      ['', '', '', '', '', '', '', '', ''],
      ['CC-7', 'PRAISE', 'WECHAT', 'LOAN', 'GZ', '2026/3/31 8:05', '微坐席服务很好\n多行内容', 'maybe', ''],
      ['CC-8', 'PRAISE', 'WECHAT', 'LOAN', 'GZ', '2026/3/31 8:05', '微坐席服务很好', 'N', 'CUST-8'],
    ]);

  it('keeps the good rows and reports each bad one with its row number and reason', async () => {
    const before = await count('SELECT count(*) AS n FROM feedback');
    const result = await run({ kind: 'FEEDBACK' }, feedbackFile());
    expect(result).toMatchObject({ status: 'DONE', rowsRead: 8, inserted: 3, duplicates: 0, rejected: 5, error: null });
    expect(result.rejectedRows).toEqual([
      { row: 4, reason: 'kind "COMPLAINT" is not one of PRAISE, PROBLEM, SUGGESTION' },
      { row: 5, reason: 'branch "NOWHERE" is not a known branch code' },
      { row: 6, reason: 'receivedAt "2026-05-01 10:00" is in the future' },
      { row: 7, reason: 'text is empty' },
      { row: 9, reason: 'complaint "maybe" is not yes/no (true, false, 1, 0, 是, 否)' },
    ]);
    expect(await count('SELECT count(*) AS n FROM feedback')).toBe(before + 3);
    const first = await hub.db.get(
      "SELECT kind, channel, category_id, branch_id, received_at, complaint, customer_ref, recorded_by FROM feedback WHERE text LIKE '还款提醒短信没收到%'",
    );
    expect(first).toEqual({
      kind: 'PROBLEM',
      channel: 'VOICE',
      category_id: await idOf('categories', 'CREDIT_CARD'),
      branch_id: await idOf('branches', 'SH'),
      received_at: bankTime('2026-03-30 10:15'),
      complaint: 1,
      customer_ref: 'CUST-1',
      recorded_by: (await findUserByUsername(hub.store.read, 'analyst'))!.id,
    });
    const second = await hub.db.get("SELECT kind, channel, branch_id, received_at FROM feedback WHERE text = '希望延长营业时间'");
    expect(second).toEqual({
      kind: 'SUGGESTION',
      channel: 'ONLINE',
      branch_id: await idOf('branches', 'BJ'),
      received_at: Date.parse('2026-03-30T02:00:00Z'),
    });
    // The import is on the record: one event for the batch it wrote.
    const events = await hub.db.all<{ note: string }>(
      "SELECT note FROM hub_events WHERE type = 'RECORDS_IMPORTED' ORDER BY seq DESC LIMIT 1",
    );
    expect(events[0]!.note).toContain('3 条');
  });

  it('re-importing the same file adds nothing', async () => {
    const feedback = await count('SELECT count(*) AS n FROM feedback');
    const events = await count('SELECT count(*) AS n FROM hub_events');
    const rollup = await count("SELECT coalesce(sum(items), 0) AS n FROM feedback_rollups WHERE grain = 'DAY'");
    const result = await run({ kind: 'FEEDBACK' }, feedbackFile());
    expect(result).toMatchObject({ status: 'DONE', inserted: 0, duplicates: 3, rejected: 5 });
    expect(await count('SELECT count(*) AS n FROM feedback')).toBe(feedback);
    expect(await count('SELECT count(*) AS n FROM hub_events')).toBe(events);
    expect(await count("SELECT coalesce(sum(items), 0) AS n FROM feedback_rollups WHERE grain = 'DAY'")).toBe(rollup);
  });

  it("counts a batch's rollups in its transaction and indexes its texts after its commit, through the declared reactions' bulk forms", async () => {
    // Declared next to the per-record forms, in the modules' entries, on the batch's event.
    const bulk = hub.app.services.deps.reactions.declared.filter((r) => r.on !== 'every event' && r.on.includes('RECORDS_IMPORTED'));
    expect(bulk.map((r) => [r.name, r.when ?? 'in transaction'])).toEqual([
      ["index an imported batch's voices for similarity (the background catch-up, started after the batch's commit)", 'after commit'],
      ['tell a branch its customers praised it', 'in transaction'],
      ["count an imported batch's contact records in the KPI rollup", 'in transaction'],
      ["count an imported batch's voices in the day's rollups", 'in transaction'],
    ]);
    const { insight } = hub.app.services;
    await insight.indexed();
    const unindexed = () =>
      count('SELECT count(*) AS n FROM feedback f WHERE NOT EXISTS (SELECT 1 FROM feedback_features s WHERE s.feedback_id = f.id)');
    expect(await unindexed()).toBe(0);
    // What each write transaction holds just before it commits: the batch's rows without their
    // features (the hashing no longer holds the write lock), with their rollups.
    const store = hub.app.services.deps.store;
    const audit = store.beforeCommit;
    const atCommit: { unindexed: number; rollup: number }[] = [];
    store.beforeCommit = async (tx) => {
      const n = async (q: string) => Number((await rows<{ n: number }>(tx, sql.raw(q)))[0]!.n);
      atCommit.push({
        unindexed: await n(
          'SELECT count(*) AS n FROM feedback f WHERE NOT EXISTS (SELECT 1 FROM feedback_features s WHERE s.feedback_id = f.id)',
        ),
        rollup: await n("SELECT coalesce(sum(items), 0) AS n FROM feedback_rollups WHERE grain = 'DAY'"),
      });
      await audit?.(tx);
    };
    const rollup = await count("SELECT coalesce(sum(items), 0) AS n FROM feedback_rollups WHERE grain = 'DAY'");
    let result;
    try {
      result = await run(
        { kind: 'FEEDBACK' },
        csvOf([
          FEEDBACK_HEADER,
          ['RX-1', 'PROBLEM', 'VOICE', 'DEPOSIT', 'SH', '2026-03-29 10:00', '存款证明开具要等三天', '否', ''],
          ['RX-2', 'SUGGESTION', 'ONLINE', 'LOAN', 'BJ', '2026-03-29 11:00', '希望房贷提前还款可以线上预约', '否', ''],
        ]),
      );
    } finally {
      store.beforeCommit = audit;
    }
    expect(result).toMatchObject({ status: 'DONE', inserted: 2 });
    // The import's registration, its one batch, its end: the batch commits its 2 rows unindexed, rollups counted.
    expect(atCommit).toContainEqual({ unindexed: 2, rollup: rollup + 2 });
    // No customer references: the 3-in-3 step does not run, and no query has asked the index to
    // catch up; the after-commit reaction started it, and it leaves no row without features.
    await insight.indexed();
    expect(await unindexed()).toBe(0);
    expect(await count("SELECT coalesce(sum(items), 0) AS n FROM feedback_rollups WHERE grain = 'DAY'")).toBe(rollup + 2);
  });

  it('refuses a row whose cell holds a NUL character (file corruption; PostgreSQL cannot store it) and keeps the rest', async () => {
    const rows = [
      ['kind', 'channel', 'category', 'branch', 'receivedAt', 'text'],
      ['PROBLEM', 'VOICE', 'WEALTH', 'SH', '2026-03-30 09:00', '基金定投扣款失败'],
      ['PROBLEM', 'VOICE', 'WEALTH', 'SH', '2026-03-30 09:05', '理财\u0000产品赎回慢'],
    ];
    const result = await run({ kind: 'FEEDBACK' }, csvOf(rows));
    expect(result).toMatchObject({ status: 'DONE', inserted: 1, rejected: 1 });
    expect(result.rejectedRows).toEqual([{ row: 3, reason: 'text contains the NUL character (U+0000)' }]);
  });

  it('without a record id, a row is identified by what it says: repeats in the file and re-imports add nothing', async () => {
    const rows = [
      ['kind', 'channel', 'category', 'branch', 'receivedAt', 'text'],
      ['PROBLEM', 'VOICE', 'WEALTH', 'SH', '2026-03-31 09:00', '理财赎回到账慢'],
      ['PROBLEM', 'VOICE', 'WEALTH', 'SH', '2026-03-31 09:00', '理财赎回到账慢'],
      ['PROBLEM', 'VOICE', 'WEALTH', 'SH', '2026-03-31 09:01', '理财赎回到账慢'],
    ];
    const rollup = await count("SELECT coalesce(sum(items), 0) AS n FROM feedback_rollups WHERE grain = 'DAY'");
    expect(await run({ kind: 'FEEDBACK' }, csvOf(rows))).toMatchObject({ inserted: 2, duplicates: 1, rejected: 0 });
    // Counted into the report rollups in the batch's transaction.
    expect(await count("SELECT coalesce(sum(items), 0) AS n FROM feedback_rollups WHERE grain = 'DAY'")).toBe(rollup + 2);
    expect(await run({ kind: 'FEEDBACK' }, csvOf(rows))).toMatchObject({ inserted: 0, duplicates: 3 });
  });

  it('refuses a file whose header lacks a required column, writing nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM feedback');
    const result = await run(
      { kind: 'FEEDBACK' },
      csvOf([
        ['kind', 'channel', 'text'],
        ['PROBLEM', 'VOICE', 'x'],
      ]),
    );
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('Row 1: the header lacks the columns category, branch, receivedAt.');
    expect(result.inserted).toBe(0);
    expect(await count('SELECT count(*) AS n FROM feedback')).toBe(before);
  });

  it('writes in batches of IMPORT_BATCH_ROWS and reports progress after each', async () => {
    const small = await startHub({
      clock: new TestClock(bankTime('2026-03-02 09:00')),
      demo: { feedback: 0, contacts: 0 },
      env: { IMPORT_BATCH_ROWS: '3' },
    });
    try {
      const s = { services: small.app.services };
      const rows = [['kind', 'channel', 'category', 'branch', 'receivedAt', 'text']];
      for (let i = 0; i < 10; i++) rows.push(['PRAISE', 'VOICE', 'SERVICE', 'GZ', '2026-03-01 09:00', `服务好 ${i}`]);
      const viewer = await viewerOf(small, 'analyst');
      const request = { kind: 'FEEDBACK', format: 'CSV', fileName: 'ten.csv' } as const;
      const id = await s.services.imports.begin(viewer, request);
      const seen: string[] = [];
      const watching = (async () => {
        for await (const p of await s.services.imports.watch(viewer, id)) seen.push(`${p.status}:${p.batches}:${p.inserted}`);
      })();
      const result = await s.services.imports.run(viewer, id, request, source(csvOf(rows), 5));
      await watching;
      expect(result).toMatchObject({ status: 'DONE', inserted: 10, batches: 4 });
      expect(seen).toEqual(['RUNNING:0:0', 'RUNNING:1:3', 'RUNNING:2:6', 'RUNNING:3:9', 'RUNNING:4:10', 'DONE:4:10']);
      expect(await countOn(small, "SELECT count(*) AS n FROM hub_events WHERE type = 'RECORDS_IMPORTED'")).toBe(4);
    } finally {
      await small.stop();
    }
  });

  it('reads XLSX, with the sheet’s row numbers and Excel date-times as bank time', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('反馈');
    sheet.addRow(['工单号', 'kind', 'channel', 'category', 'branch', 'receivedAt', 'text', 'customerRef']);
    sheet.addRow(['X-1', 'PROBLEM', 'VIDEO', 'E_BANKING', 'BJ', new Date(Date.UTC(2026, 2, 29, 14, 30)), '手机银行登录失败', 'CUST-X1']);
    sheet.addRow(['X-2', 'PROBLEM', 'FAX', 'E_BANKING', 'BJ', new Date(Date.UTC(2026, 2, 29, 14, 30)), '渠道不对', '']);
    sheet.addRow([]);
    sheet.addRow(['X-3', 'SUGGESTION', 'SELF_SERVICE', 'E_BANKING', 'BJ', '2026-03-29 15:00', '自助机增加打印功能', '']);
    const body = Buffer.from(await book.xlsx.writeBuffer());
    const viewer = await viewerOf(hub, 'admin');
    const result = await hub.app.services.imports.importFile(
      viewer,
      { kind: 'FEEDBACK', format: 'XLSX', fileName: 'calls.xlsx' },
      Readable.from([body]),
    );
    expect(result).toMatchObject({
      status: 'DONE',
      inserted: 2,
      rejected: 1,
      rejectedRows: [{ row: 3, reason: 'channel "FAX" is not one of VOICE, ONLINE, WECHAT, VIDEO, BRANCH, SELF_SERVICE' }],
    });
    expect(await hub.db.get("SELECT received_at FROM feedback WHERE text = '手机银行登录失败'")).toEqual({
      received_at: bankTime('2026-03-29 14:30'),
    });
  });

  it('imports contact records into the KPI rollups, idempotently', async () => {
    const rows = [
      [
        '会话编号',
        'channel',
        'branch',
        'offeredAt',
        'answered',
        'waitSeconds',
        'firstResponseSeconds',
        'transferred',
        'workOrder',
        'complaint',
        'satisfaction',
        'customerRef',
      ],
      ['S-1', 'VOICE', 'SH', '2026-03-31 09:00:00', '1', '12', '', '0', '0', '0', '5', 'CUST-1'],
      ['S-2', 'ONLINE', '', '2026-03-31 09:05:00', 'true', '40', '20', 'false', 'true', 'false', '', ''],
      ['S-3', 'VOICE', 'SH', '2026-03-31 09:06:00', 'yes', '-3', '', '', '', '', '', ''],
      ['S-4', 'VOICE', 'SH', '2026-03-31 09:07:00', '', '3', '', '', '', '', '9', ''],
    ];
    const offered = () => count("SELECT coalesce(sum(offered), 0) AS n FROM contact_rollups WHERE grain = 'DAY'");
    const before = { records: await count('SELECT count(*) AS n FROM contact_records'), offered: await offered() };
    const result = await run({ kind: 'CONTACTS' }, csvOf(rows));
    expect(result).toMatchObject({ status: 'DONE', inserted: 2, rejected: 2 });
    expect(result.rejectedRows.map((r) => r.row)).toEqual([4, 5]);
    expect(result.rejectedRows[0]!.reason).toBe('waitSeconds "-3" is not a whole number from 0 to 86400');
    expect(result.rejectedRows[1]!.reason).toBe('answered is empty');
    expect(await count('SELECT count(*) AS n FROM contact_records')).toBe(before.records + 2);
    expect(await offered()).toBe(before.offered + 2);
    expect(await run({ kind: 'CONTACTS' }, csvOf(rows))).toMatchObject({ inserted: 0, duplicates: 2 });
    expect(await count('SELECT count(*) AS n FROM contact_records')).toBe(before.records + 2);
  });

  it('applies the 3-in-3 rule to what it imports, per complaint', async () => {
    const now = clock.now().getTime();
    const at = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 19).replace('T', ' ');
    const header = ['kind', 'channel', 'category', 'branch', 'receivedAt', 'text', 'customerRef'];
    const row = (ref: string, hoursAgo: number, text: string) => [
      'PROBLEM',
      'VOICE',
      'LOAN',
      'SH-PD',
      at(now - hoursAgo * HOUR),
      text,
      `CUST-${ref}`,
    ];
    // One complaint each, in different agents' words.
    const LOAN = [
      '客户来电反映：房贷审批通过后迟迟不放款，已经等了一个多月。希望银行尽快解决。',
      '客户致电表示，房贷审批通过一个多月了还没有放款，卖方一直催。',
      '客户到网点投诉称房贷审批已通过但一直未放款，等了一个多月。请相关部门核实处理。',
    ];
    const FUND = [
      '客户来电反映：公积金贷款转商业贷款后月供反而增加了。希望银行尽快解决。',
      '客户表示公积金贷款转商贷以后月供增加了，没有人提前说明。',
      '客户在手机银行意见反馈中提交：公积金贷款转商贷后月供增加，要求解释。',
    ];
    const UNRELATED = [
      '客户来电反映：网点门口没有停车位，老人办业务很不方便。希望银行尽快解决。',
      '客户来电反映：贵金属回购价格不透明，与宣传不一致。希望银行尽快解决。',
      '客户来电反映：社保卡激活时提示证件信息不符。希望银行尽快解决。',
    ];
    const before = await notificationsOf('analyst', 'FEEDBACK_CLUSTER');

    // Three customers, one category, one branch, three different complaints: no alert.
    const unrelated = UNRELATED.map((text, i) => row(`U${i}`, 9 - i, text));
    expect(await run({ kind: 'FEEDBACK' }, csvOf([header, ...unrelated]))).toMatchObject({ inserted: 3 });
    expect(await notificationsOf('analyst', 'FEEDBACK_CLUSTER')).toBe(before);

    // Two complaints in the same hours, three customers each, in one file: two alerts.
    const bursts = [0, 1, 2].flatMap((i) => [row(`L${i}`, 6 - 2 * i, LOAN[i]!), row(`F${i}`, 5 - 2 * i, FUND[i]!)]);
    expect(await run({ kind: 'FEEDBACK' }, csvOf([header, ...bursts]))).toMatchObject({ inserted: 6 });
    expect(await notificationsOf('analyst', 'FEEDBACK_CLUSTER')).toBe(before + 2);
    const linked = await hub.db.all<{ cluster_id: number; customer_ref: string }>(
      'SELECT i.cluster_id, f.customer_ref FROM feedback_cluster_items i JOIN feedback f ON f.id = i.feedback_id WHERE f.branch_id = ? ORDER BY f.received_at',
      await idOf('branches', 'SH-PD'),
    );
    const byCluster = new Map<number, string[]>();
    for (const l of linked) byCluster.set(l.cluster_id, [...(byCluster.get(l.cluster_id) ?? []), l.customer_ref]);
    expect([...byCluster.values()].sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual([
      ['CUST-F0', 'CUST-F1', 'CUST-F2'],
      ['CUST-L0', 'CUST-L1', 'CUST-L2'],
    ]);
  });

  it('is for analysts and administrators only', async () => {
    await expect(run({ kind: 'FEEDBACK' }, feedbackFile(), 'agent')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(run({ kind: 'CONTACTS' }, 'x', 'coordinator')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
