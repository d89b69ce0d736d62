import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { startHub, collect, TestClock, codeOf, type TestHub } from '../utils/hub.js';
import { demoIds, tokens, ok, recordFeedback, problemInConsultation, conclude, listening, type DemoIds } from '../utils/fixtures.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const bankTime = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);

interface Note {
  id: string;
  kind: string;
  summary: string;
  read: boolean;
  action: { id: string; branch: { code: string } | null } | null;
  problem: { id: string } | null;
}
const NOTE_FIELDS = 'id kind summary read action { id branch { code } } problem { id }';
const LIVE = `subscription($after: ID) { notifications(after: $after) { ${NOTE_FIELDS} } }`;
const INBOX = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { totalCount unreadCount edges { cursor node { ${NOTE_FIELDS} } } } }`;
const EVENTS = 'subscription { hubEvents { type fromStatus toStatus note action { id } problem { id } } }';

let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;
const clock = new TestClock(bankTime('2026-03-02 09:00'));

/** Waits until the hub has `n` notification streams open, so that no live notification is missed. */
async function notificationStreams(n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (hub.app.services.notifications.openStreams < n) {
    if (Date.now() > deadline) throw new Error('notification stream not registered');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function loopWithAction(branch: string, dueAt: number) {
  const f = await recordFeedback(hub, t.agent!, {
    branchId: ids.branch[branch]!,
    categoryId: ids.category.CREDIT_CARD!,
    text: `${branch} 客户反映分期手续费不透明`,
  });
  const p = await problemInConsultation(hub, t, ids, [f]);
  return conclude(hub, t.coordinator!, p, [{ branchId: ids.branch[branch]! }], new Date(dueAt));
}

beforeAll(async () => {
  hub = await startHub({ clock });
  t = await tokens(hub);
  ids = await demoIds(hub, t.coordinator!);
});
afterAll(async () => hub?.stop());

describe('notifications over the API', () => {
  it('pushes a new notification live to its user only, and keeps it in the inbox with the unread count', async () => {
    const base = hub.app.services.notifications.openStreams;
    const sh = collect<{ notifications: Note }>(hub.ws(t['bm.sh']!), LIVE);
    const bj = collect<{ notifications: Note }>(hub.ws(t['bm.bj']!), LIVE);
    await notificationStreams(base + 2);

    const done = await loopWithAction('SH-PD', clock.now().getTime() + 3 * DAY);
    await sh.until(() => sh.items.some((m) => m.notifications.action?.id === done.actions[0]!.id));
    const pushed = sh.items.find((m) => m.notifications.action?.id === done.actions[0]!.id)!.notifications;
    expect(pushed).toMatchObject({ kind: 'ACTION_ASSIGNED', read: false, action: { branch: { code: 'SH-PD' } }, problem: { id: done.id } });
    expect(pushed.summary).toContain('新的整改任务');
    expect(bj.items.filter((m) => m.notifications.action?.id === done.actions[0]!.id)).toEqual([]);
    expect(sh.errors).toEqual([]);

    const inbox = ok(await hub.gql(t['bm.sh']!, INBOX, { first: 50 })).notifications;
    expect(inbox.edges.map((e: { node: Note }) => e.node.id)).toContain(pushed.id);
    expect(inbox.unreadCount).toBeGreaterThanOrEqual(1);

    const marked = ok(
      await hub.gql(t['bm.sh']!, `mutation($i: MarkNotificationReadInput!) { markNotificationRead(input: $i) { id read } }`, {
        i: { notificationId: pushed.id },
      }),
    );
    expect(marked.markNotificationRead).toEqual({ id: pushed.id, read: true });
    const after = ok(await hub.gql(t['bm.sh']!, INBOX, { first: 1 })).notifications;
    expect(after.unreadCount).toBe(inbox.unreadCount - 1);

    // Someone else's notification is as if it did not exist.
    const refused = await hub.gql(t['bm.bj']!, `mutation($i: MarkNotificationReadInput!) { markNotificationRead(input: $i) { id } }`, {
      i: { notificationId: pushed.id },
    });
    expect(codeOf(refused)).toBe('NOT_FOUND');

    const all = ok(await hub.gql(t['bm.sh']!, 'mutation { markAllNotificationsRead }'));
    expect(all.markAllNotificationsRead).toBe(after.unreadCount);
    expect(ok(await hub.gql(t['bm.sh']!, INBOX, { first: 1 })).notifications.unreadCount).toBe(0);

    expect(codeOf(await hub.gql(null, INBOX, { first: 1 }))).toBe('UNAUTHENTICATED');
    sh.dispose();
    bj.dispose();
  });

  it('replays what was missed after a notification id, then goes on live', async () => {
    const first = ok(await hub.gql(t['bm.sh']!, INBOX, { first: 1 })).notifications.edges[0].node.id as string;
    const done = await loopWithAction('SH', clock.now().getTime() + 3 * DAY);
    const base = hub.app.services.notifications.openStreams;
    const again = collect<{ notifications: Note }>(hub.ws(t['bm.sh']!), LIVE, { after: first });
    await notificationStreams(base + 1);
    await again.until(() => again.items.some((m) => m.notifications.action?.id === done.actions[0]!.id));
    const live = await loopWithAction('SH', clock.now().getTime() + 3 * DAY);
    await again.until(() => again.items.some((m) => m.notifications.action?.id === live.actions[0]!.id));
    const got = again.items.map((m) => Number(m.notifications.id));
    expect(got.every((id) => id > Number(first))).toBe(true);
    expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(new Set(got).size).toBe(got.length);
    again.dispose();
  });
});

describe('deadlines over the API', () => {
  it('a passed due date becomes an ACTION_OVERDUE event for the branch, and an overdue notification', async () => {
    const due = clock.now().getTime() + 2 * HOUR;
    const done = await loopWithAction('SH', due);
    const actionId = done.actions[0]!.id;
    const [sh, bj] = await listening(hub, 2, () => [
      collect<{ hubEvents: any }>(hub.ws(t['bm.sh']!), EVENTS),
      collect<{ hubEvents: any }>(hub.ws(t['bm.bj']!), EVENTS),
    ]);
    const base = hub.app.services.notifications.openStreams;
    const notes = collect<{ notifications: Note }>(hub.ws(t['bm.sh']!), LIVE);
    await notificationStreams(base + 1);

    clock.set(due + 1);
    await hub.app.services.deadlines.scanDeadlines();
    await sh.until(() => sh.items.some((m) => m.hubEvents.type === 'ACTION_OVERDUE' && m.hubEvents.action?.id === actionId));
    await notes.until(() => notes.items.some((m) => m.notifications.kind === 'ACTION_OVERDUE' && m.notifications.action?.id === actionId));
    const event = sh.items.find((m) => m.hubEvents.action?.id === actionId && m.hubEvents.type === 'ACTION_OVERDUE')!.hubEvents;
    expect(event).toMatchObject({ fromStatus: 'ASSIGNED', problem: { id: done.id } });
    // bm.bj sees nothing of SH's action.
    expect(bj.items.filter((m) => m.hubEvents.action?.id === actionId)).toEqual([]);

    const listed = ok(await hub.gql(t['bm.sh']!, '{ actions(filter: { overdue: true }, first: 100) { edges { node { id overdue } } } }'));
    expect(listed.actions.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(actionId);
    const history = ok(await hub.gql(t.coordinator!, 'query($id: ID!) { problem(id: $id) { history { type } } }', { id: done.id }));
    expect(history.problem.history.filter((e: { type: string }) => e.type === 'ACTION_OVERDUE')).toHaveLength(1);
    for (const s of [sh, bj, notes]) s.dispose();
  });

  it('myDigest says what is due, overdue and waiting for the viewer', async () => {
    const digest = ok(
      await hub.gql(
        t['bm.sh']!,
        `{ myDigest { day dueBy counts { dueActions overdueActions waiting } overdueActions { id overdue } waiting { reason action { id } problem { id } } } }`,
      ),
    ).myDigest;
    expect(digest.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(digest.counts.overdueActions).toBeGreaterThanOrEqual(1);
    expect(digest.overdueActions.every((a: { overdue: boolean }) => a.overdue)).toBe(true);
    expect(digest.waiting.some((w: { reason: string; action: { id: string } | null }) => w.reason === 'ACCEPT_ACTION' && w.action)).toBe(
      true,
    );
  });
});

describe('bulk import over HTTP', () => {
  const base = () => hub.url.replace(/\/graphql$/, '');
  const post = (kind: string, body: string | Buffer, opts: { token?: string | null; type?: string; query?: string } = {}) =>
    fetch(`${base()}/imports/${kind}${opts.query ?? ''}`, {
      method: 'POST',
      headers: {
        'content-type': opts.type ?? 'text/csv',
        ...(opts.token === null ? {} : { authorization: `Bearer ${opts.token ?? t.analyst}` }),
      },
      body,
    });
  const day = () => new Date(clock.now().getTime() - DAY + 8 * HOUR).toISOString().slice(0, 10);
  const csv = () =>
    [
      'externalId,kind,channel,category,branch,receivedAt,text,customerRef',
      `API-1,PROBLEM,VOICE,DEPOSIT,BJ,${day()} 10:00,存款证明开具慢,C-1`,
      `API-2,PROBLEM,VOICE,DEPOSIT,NOWHERE,${day()} 10:00,机构不对,C-2`,
      `API-3,PRAISE,WECHAT,DEPOSIT,BJ,${day()} 11:00,微坐席回复很快,C-3`,
    ].join('\r\n');

  it('answers the final report with ?wait=1: good rows kept, bad rows with their numbers; again, nothing added', async () => {
    const res = await post('feedback', csv(), { query: '?wait=1&fileName=daily.csv' });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({
      status: 'DONE',
      fileName: 'daily.csv',
      inserted: 2,
      rejected: 1,
      rejectedRows: [{ row: 3, reason: 'branch "NOWHERE" is not a known branch code' }],
    });
    const second = await (await post('feedback', csv(), { query: '?wait=1' })).json();
    expect(second).toMatchObject({ status: 'DONE', inserted: 0, duplicates: 2 });
  });

  it('answers 202 at once and streams the progress over importProgress until DONE', async () => {
    const rows = ['kind,channel,category,branch,receivedAt,text'];
    for (let i = 0; i < 25; i++) rows.push(`SUGGESTION,ONLINE,SERVICE,GZ,${day()} 09:${String(i).padStart(2, '0')},建议 ${i}`);
    const res = await post('feedback', rows.join('\n'));
    expect(res.status).toBe(202);
    const { importId } = (await res.json()) as { importId: string };
    const progress = collect<{ importProgress: { status: string; inserted: number; rowsRead: number } }>(
      hub.ws(t.analyst!),
      'subscription($id: ID!) { importProgress(importId: $id) { status inserted rowsRead } }',
      { id: importId },
    );
    await progress.until(() => progress.completed);
    expect(progress.errors).toEqual([]);
    expect(progress.items.at(-1)!.importProgress).toEqual({ status: 'DONE', inserted: 25, rowsRead: 25 });
    const job = ok(
      await hub.gql(t.admin!, 'query($id: ID!) { importJob(importId: $id) { status inserted rejected kind format } }', { id: importId }),
    );
    expect(job.importJob).toEqual({ status: 'DONE', inserted: 25, rejected: 0, kind: 'FEEDBACK', format: 'CSV' });
  });

  it('takes XLSX uploads and contact records', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('contacts');
    sheet.addRow(['id', 'channel', 'branch', 'offeredAt', 'answered', 'waitSeconds', 'satisfaction']);
    sheet.addRow(['X-1', 'VOICE', 'SH', `${day()} 09:00:00`, '是', 10, 5]);
    sheet.addRow(['X-2', 'VOICE', 'SH', `${day()} 09:01:00`, '否', 90, '']);
    const body = Buffer.from(await book.xlsx.writeBuffer());
    const res = await post('contacts', body, { type: XLSX, query: '?wait=1&fileName=contacts.xlsx' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'DONE', format: 'XLSX', kind: 'CONTACTS', inserted: 2 });
  });

  it('refuses with the right status: no sign-in, a role that may not import, a wrong type, an unknown kind', async () => {
    expect((await post('feedback', csv(), { token: null })).status).toBe(401);
    expect((await post('feedback', csv(), { token: t.agent })).status).toBe(403);
    const wrongType = await post('feedback', '{}', { type: 'application/json' });
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
    expect((await post('orders', csv())).status).toBe(404);
    const someoneElse = await hub.gql(t.coordinator!, 'query { importJob(importId: "x") { status } }');
    expect(codeOf(someoneElse)).toBe('FORBIDDEN');
  });
});
