import { createHash } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, collect, type TestHub } from '../utils/hub.js';
import {
  conclude,
  diagnose,
  ok,
  openConsultation,
  openProblem as openProblemOf,
  recordFeedback,
  submitOpinion,
} from '../utils/fixtures.js';
import { firstBrokenLink, type AuditEntry } from '../../server/src/audit/audit.rules.js';

/**
 * The discussion on a problem and following it (issue 18), through the public API over HTTP and
 * WebSocket: comments with @mentions told over a real notifications subscription and live on
 * hubEvents, the author's edit window, deletion as a tombstone, masking, branch scoping, every
 * refusal changing nothing; who follows automatically, what followers hear, and that nobody hears
 * of one event twice or of what they may not see.
 */
let hub: TestHub;
const t: Record<string, string> = {};
const id: Record<string, string> = {};
const WINDOW_MINUTES = 15;

const COMMENT = `id body deleted deletedAt editedAt version canEdit canDelete editableUntil
  author { username } deletedBy { username } mentions { username }`;
const M = {
  add: `mutation($i: AddCommentInput!) { addComment(input: $i) { ${COMMENT} } }`,
  edit: `mutation($i: EditCommentInput!) { editComment(input: $i) { ${COMMENT} } }`,
  del: `mutation($i: DeleteCommentInput!) { deleteComment(input: $i) { ${COMMENT} } }`,
  follow: `mutation($i: FollowProblemInput!) { followProblem(input: $i) { id followedByMe followers } }`,
  unfollow: `mutation($i: FollowProblemInput!) { unfollowProblem(input: $i) { id followedByMe followers } }`,
};
const THREAD = `query($id: ID!) { problem(id: $id) { id followedByMe followers comments { ${COMMENT} } mentionCandidates { username } } }`;

const count = async (table: string) => (await hub.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
/** Every table a comment or a follow writes, and the event log. */
const written = async () => ({
  comments: await count('problem_comments'),
  followers: await count('problem_followers'),
  events: await count('hub_events'),
  notifications: await count('notifications'),
});
/** Refused with `code` (and `field` when given), and nothing written. */
async function refused(who: string, query: string, input: Record<string, unknown>, code: string, field?: string) {
  const before = await written();
  const r = await hub.gql(t[who]!, query, { i: input });
  expect(codeOf(r), `${who}: ${JSON.stringify(r.errors)}`).toBe(code);
  if (field) expect(r.errors?.[0]?.extensions?.field).toBe(field);
  expect(await written()).toEqual(before);
}
/** The notifications of one kind a user has about a problem. */
const notified = async (username: string, kind: string, problemId: string) =>
  (await hub.db.get<{ n: number }>(
    'SELECT count(*) AS n FROM notifications WHERE user_id = ? AND kind = ? AND problem_id = ?',
    id[`user:${username}`],
    kind,
    problemId,
  ))!.n;
/** How many notifications a user got for one event, of any kind. */
const toldOf = async (username: string, seq: number) =>
  (await hub.db.get<{ n: number }>(
    'SELECT count(*) AS n FROM notifications WHERE user_id = ? AND event_seq = ?',
    id[`user:${username}`],
    seq,
  ))!.n;
const lastEvent = async (type: string, problemId: string) =>
  (await hub.db.get<{ seq: number; comment_id: string | null; note: string | null }>(
    'SELECT seq, comment_id, note FROM hub_events WHERE type = ? AND problem_id = ? ORDER BY seq DESC LIMIT 1',
    type,
    problemId,
  ))!;
const audited = async (operation: string) =>
  (await hub.db.all<{ outcome: string }>('SELECT outcome FROM audit_log WHERE operation = ? ORDER BY seq', operation)).map(
    (r) => r.outcome,
  );

/** A credit-card problem the analyst opens from one voice an agent recorded in each branch. */
async function openProblem(title: string, branches: string[]) {
  const feedbackIds = [];
  for (const b of branches)
    feedbackIds.push(await recordFeedback(hub, t.agent!, { branchId: id[b]!, categoryId: id.CREDIT_CARD!, text: `${title}（${b}）` }));
  return openProblemOf(hub, t.analyst!, id.CREDIT_CARD!, feedbackIds, title);
}

const thread = async (who: string, problemId: string) => ok(await hub.gql(t[who]!, THREAD, { id: problemId })).problem;
const comment = async (who: string, problemId: string, body: string, mentions?: string[]) =>
  ok(await hub.gql(t[who]!, M.add, { i: { problemId, body, ...(mentions ? { mentions: mentions.map((u) => id[`user:${u}`]) } : {}) } }))
    .addComment;

let shOnly: any;

beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 20, contacts: 20 }, env: { COMMENT_EDIT_WINDOW_MINUTES: String(WINDOW_MINUTES) } });
  for (const u of ['admin', 'agent', 'analyst', 'coordinator', 'expert.card', 'expert.it', 'bm.sh', 'bm.bj']) t[u] = await hub.login(u);
  const org = ok(await hub.gql(t.admin!, '{ branches { id code } categories { id code } departments { id code } users { id username } }'));
  for (const b of org.branches) id[b.code] = b.id;
  for (const c of org.categories) id[c.code] = c.id;
  for (const d of org.departments) id[`dep:${d.code}`] = d.id;
  for (const u of org.users) id[`user:${u.username}`] = u.id;
  shOnly = await openProblem('上海分行信用卡分期手续费争议', ['SH']);
});

afterAll(async () => {
  await hub?.stop();
});

describe('comments', () => {
  it('a comment mentions by @username and by id: the mentioned are told over their live notifications, the thread updates live on hubEvents', async () => {
    const coordinatorInbox = collect<any>(
      hub.ws(t.coordinator!),
      'subscription { notifications(after: "0") { kind summary problem { id } } }',
    );
    const viewerEvents = collect<any>(
      hub.ws(t.analyst!),
      'subscription($p: ID) { hubEvents(after: "0", problemId: $p) { type note commentId actor { username } problem { id } } }',
      { p: shOnly.id },
    );
    const c = await comment('bm.sh', shOnly.id, '请@coordinator 看看这个分期争议，已联系客户', ['expert.card']);
    expect(c.author.username).toBe('bm.sh');
    expect(c.mentions.map((u: any) => u.username).sort()).toEqual(['coordinator', 'expert.card']);
    expect(c).toMatchObject({ deleted: false, version: 1, canEdit: true, canDelete: true, editedAt: null });

    await coordinatorInbox.until(() =>
      coordinatorInbox.items.some((n) => n.notifications.kind === 'MENTIONED' && n.notifications.problem?.id === shOnly.id),
    );
    const mention = coordinatorInbox.items.find((n) => n.notifications.kind === 'MENTIONED')!.notifications;
    expect(mention.summary).toContain('提到了您');
    await viewerEvents.until(() => viewerEvents.items.some((e) => e.hubEvents.type === 'COMMENT_ADDED'));
    const added = viewerEvents.items.find((e) => e.hubEvents.type === 'COMMENT_ADDED')!.hubEvents;
    // The event names the comment, never its words: a deletion later leaves no copy in the log.
    expect(added).toMatchObject({ commentId: c.id, note: null, actor: { username: 'bm.sh' }, problem: { id: shOnly.id } });
    coordinatorInbox.dispose();
    viewerEvents.dispose();

    expect(await notified('expert.card', 'MENTIONED', shOnly.id)).toBe(1);
    // The author is told nothing of their own comment.
    expect(await notified('bm.sh', 'MENTIONED', shOnly.id)).toBe(0);
    // The analyst opened the problem and follows it: told of the comment, once.
    expect(await notified('analyst', 'COMMENT_ADDED', shOnly.id)).toBe(1);
    expect(await audited('addComment')).toContain('OK');
    const seen = await thread('coordinator', shOnly.id);
    expect(seen.comments.map((x: any) => x.id)).toContain(c.id);
    // Another's comment: neither editable nor deletable by the coordinator.
    expect(seen.comments.find((x: any) => x.id === c.id)).toMatchObject({ canEdit: false, canDelete: false });
  });

  it('a mention of someone who may not see the problem is kept in the text but tells them nothing (no leak across branches)', async () => {
    const c = await comment('coordinator', shOnly.id, '@bm.bj 北京分行是否有类似情况？');
    expect(c.mentions.map((u: any) => u.username)).toEqual(['bm.bj']);
    const seq = (await lastEvent('COMMENT_ADDED', shOnly.id)).seq;
    expect(await toldOf('bm.bj', seq)).toBe(0);
    expect(await notified('bm.bj', 'MENTIONED', shOnly.id)).toBe(0);
    // The picker does not offer them, nor does it offer a branch manager another branch's managers.
    expect((await thread('coordinator', shOnly.id)).mentionCandidates.map((u: any) => u.username)).not.toContain('bm.bj');
    expect((await thread('coordinator', shOnly.id)).mentionCandidates.map((u: any) => u.username)).toContain('bm.sh');
    expect((await thread('bm.sh', shOnly.id)).mentionCandidates.map((u: any) => u.username)).toEqual(
      expect.arrayContaining(['coordinator', 'analyst', 'expert.card']),
    );
  });

  it('bad input is refused with a clear BAD_USER_INPUT naming the field, and writes nothing', async () => {
    await refused('bm.sh', M.add, { problemId: shOnly.id, body: '   ' }, 'BAD_USER_INPUT', 'input.body');
    await refused('bm.sh', M.add, { problemId: shOnly.id, body: '长'.repeat(4001) }, 'BAD_USER_INPUT', 'input.body');
    await refused('bm.sh', M.add, { problemId: shOnly.id, body: '请 @nobody.here 看看' }, 'BAD_USER_INPUT', 'input.body');
    await refused(
      'bm.sh',
      M.add,
      { problemId: shOnly.id, body: '看看', mentions: ['usr_00000000000000000000000000'] },
      'BAD_USER_INPUT',
      'input.mentions[0]',
    );
    await refused('bm.sh', M.add, { problemId: shOnly.id, body: '看看', mentions: [shOnly.id] }, 'BAD_USER_INPUT', 'input.mentions[0]');
    await refused('bm.sh', M.add, { problemId: id.SH, body: '看看' }, 'BAD_USER_INPUT', 'input.problemId');
    // An e-mail address is no mention.
    const c = await comment('bm.sh', shOnly.id, '客户邮箱 someone@example.com 已回复');
    expect(c.mentions).toEqual([]);
  });

  it('a problem outside the viewer’s branches answers NOT_FOUND for its thread, comments and follows, and changes nothing', async () => {
    const c = await comment('analyst', shOnly.id, '北京不应看到这条');
    expect(codeOf(await hub.gql(t['bm.bj']!, THREAD, { id: shOnly.id }))).toBe('NOT_FOUND');
    await refused('bm.bj', M.add, { problemId: shOnly.id, body: '我来看看' }, 'NOT_FOUND');
    await refused('bm.bj', M.edit, { commentId: c.id, expectedVersion: 1, body: '改' }, 'NOT_FOUND');
    await refused('bm.bj', M.del, { commentId: c.id, expectedVersion: 1 }, 'NOT_FOUND');
    await refused('bm.bj', M.follow, { problemId: shOnly.id }, 'NOT_FOUND');
    await refused('bm.bj', M.unfollow, { problemId: shOnly.id }, 'NOT_FOUND');
    // The comment event never reaches bm.bj's stream.
    const events = collect<any>(hub.ws(t['bm.bj']!), 'subscription { hubEvents(after: "0") { type problem { id } } }');
    await comment('analyst', shOnly.id, '再补充一句');
    const other = await openProblem('北京分行排队', ['BJ']);
    await comment('analyst', other.id, '北京的讨论');
    await events.until(() => events.items.some((e) => e.hubEvents.type === 'COMMENT_ADDED' && e.hubEvents.problem?.id === other.id));
    expect(events.items.filter((e) => e.hubEvents.problem?.id === shOnly.id)).toEqual([]);
    events.dispose();
  });

  it('staff text is masked in comments as elsewhere: phone, card and ID numbers hidden from roles that see masked text', async () => {
    const body = '客户手机 13812345678，卡号 6222021234567890128 已核实';
    const c = await comment('coordinator', shOnly.id, body);
    const clear = (await thread('analyst', shOnly.id)).comments.find((x: any) => x.id === c.id);
    expect(clear.body).toBe(body);
    for (const who of ['bm.sh', 'expert.card', 'agent']) {
      const shown = (await thread(who, shOnly.id)).comments.find((x: any) => x.id === c.id);
      expect(shown.body, who).toContain('138****5678');
      expect(shown.body, who).not.toContain('13812345678');
      expect(shown.body, who).not.toContain('6222021234567890128');
    }
  });

  it('the author edits within the window (CONFLICT on a stale version, FORBIDDEN for others); the newly mentioned are told, the others not again', async () => {
    const c = await comment('bm.sh', shOnly.id, '请 @coordinator 确认', []);
    const before = await notified('coordinator', 'MENTIONED', shOnly.id);
    await refused('coordinator', M.edit, { commentId: c.id, expectedVersion: 1, body: '改写' }, 'FORBIDDEN');
    await refused('admin', M.edit, { commentId: c.id, expectedVersion: 1, body: '改写' }, 'FORBIDDEN');
    await refused('bm.sh', M.edit, { commentId: c.id, expectedVersion: 2, body: '改写' }, 'CONFLICT');
    await refused('bm.sh', M.edit, { commentId: c.id, expectedVersion: 1, body: '' }, 'BAD_USER_INPUT', 'input.body');
    await refused('bm.sh', M.edit, { commentId: c.id, expectedVersion: 1, body: '@ghost 你好' }, 'BAD_USER_INPUT', 'input.body');
    const edited = ok(
      await hub.gql(t['bm.sh']!, M.edit, { i: { commentId: c.id, expectedVersion: 1, body: '请 @coordinator 和 @expert.it 确认' } }),
    ).editComment;
    expect(edited).toMatchObject({ version: 2, body: '请 @coordinator 和 @expert.it 确认' });
    expect(edited.editedAt).not.toBeNull();
    expect(edited.mentions.map((u: any) => u.username).sort()).toEqual(['coordinator', 'expert.it']);
    expect(await notified('coordinator', 'MENTIONED', shOnly.id)).toBe(before);
    expect(await notified('expert.it', 'MENTIONED', shOnly.id)).toBe(1);
    const ev = await lastEvent('COMMENT_EDITED', shOnly.id);
    expect(ev).toMatchObject({ comment_id: c.id, note: null });
    expect(await audited('editComment')).toEqual(expect.arrayContaining(['OK', 'REFUSED']));

    // Past the window the comment stands as written.
    hub.clock.advance((WINDOW_MINUTES + 1) * 60_000);
    expect((await thread('bm.sh', shOnly.id)).comments.find((x: any) => x.id === c.id).canEdit).toBe(false);
    await refused('bm.sh', M.edit, { commentId: c.id, expectedVersion: 2, body: '太晚了' }, 'INVALID_TRANSITION');
  });

  it('the author or an admin deletes a comment: a tombstone stays (who, when), the words are gone from the database; others are refused', async () => {
    const mine = await comment('expert.card', shOnly.id, '专家的一条评论，含电话 13912345678');
    const other = await comment('expert.card', shOnly.id, '将由管理员删除');
    await refused('coordinator', M.del, { commentId: mine.id, expectedVersion: 1 }, 'FORBIDDEN');
    await refused('bm.sh', M.del, { commentId: mine.id, expectedVersion: 1 }, 'FORBIDDEN');
    await refused('expert.card', M.del, { commentId: mine.id, expectedVersion: 5 }, 'CONFLICT');
    const gone = ok(await hub.gql(t['expert.card']!, M.del, { i: { commentId: mine.id, expectedVersion: 1 } })).deleteComment;
    expect(gone).toMatchObject({
      body: null,
      deleted: true,
      version: 2,
      deletedBy: { username: 'expert.card' },
      mentions: [],
      canEdit: false,
      canDelete: false,
    });
    expect(gone.deletedAt).not.toBeNull();
    const byAdmin = ok(await hub.gql(t.admin!, M.del, { i: { commentId: other.id, expectedVersion: 1 } })).deleteComment;
    expect(byAdmin).toMatchObject({ deleted: true, deletedBy: { username: 'admin' }, author: { username: 'expert.card' } });
    await refused('expert.card', M.del, { commentId: mine.id, expectedVersion: 2 }, 'INVALID_TRANSITION');
    await refused('expert.card', M.edit, { commentId: mine.id, expectedVersion: 2, body: '复活' }, 'INVALID_TRANSITION');
    // The tombstone keeps its place in the thread; no copy of the words anywhere in the log or the row.
    const listed = (await thread('bm.sh', shOnly.id)).comments.find((x: any) => x.id === mine.id);
    expect(listed).toMatchObject({ deleted: true, body: null, author: { username: 'expert.card' } });
    expect((await hub.db.get<{ body: string | null }>('SELECT body FROM problem_comments WHERE id = ?', mine.id))!.body).toBeNull();
    expect(await hub.db.get('SELECT seq FROM hub_events WHERE note LIKE ?', '%13912345678%')).toBeUndefined();
    expect(await lastEvent('COMMENT_DELETED', shOnly.id)).toMatchObject({ comment_id: other.id });
    expect(await audited('deleteComment')).toEqual(expect.arrayContaining(['OK', 'REFUSED']));
  });

  it('a deleted comment’s words are nowhere in the audit trail: its rows keep a SHA-256 and a length, added, edited or refused alike', async () => {
    const words = '审计不应留存的评论原文 ZQX-7731';
    const edited = '审计不应留存的改后原文 ZQX-7732';
    const refusedWords = '审计不应留存的被拒原文 ZQX-7733';
    const seqBefore = (await hub.db.get<{ n: number }>('SELECT coalesce(max(seq), 0) AS n FROM audit_log'))!.n;
    const c = await comment('expert.card', shOnly.id, words);
    const e = ok(await hub.gql(t['expert.card']!, M.edit, { i: { commentId: c.id, expectedVersion: 1, body: edited } })).editComment;
    // The body as its own variable, not inside the input object: digested by its position in the document.
    const inline = `mutation($p: ID!, $b: String!) { addComment(input: { problemId: $p, body: $b }) { id version } }`;
    const second = ok(await hub.gql(t['expert.card']!, inline, { p: shOnly.id, b: words })).addComment;
    // A refused comment's input is kept with its refusal: digested too.
    expect(codeOf(await hub.gql(t['bm.bj']!, M.add, { i: { problemId: shOnly.id, body: refusedWords } }))).toBe('NOT_FOUND');
    ok(await hub.gql(t['expert.card']!, M.del, { i: { commentId: c.id, expectedVersion: e.version } }));
    ok(await hub.gql(t.admin!, M.del, { i: { commentId: second.id, expectedVersion: second.version } }));

    const rows = await hub.db.all<{ seq: number; operation: string; outcome: string; detail: string }>(
      'SELECT seq, operation, outcome, detail FROM audit_log WHERE seq > ? ORDER BY seq',
      seqBefore,
    );
    expect(rows.map((r) => `${r.operation}:${r.outcome}`)).toEqual(
      expect.arrayContaining(['addComment:OK', 'editComment:OK', 'addComment:REFUSED', 'deleteComment:OK']),
    );
    for (const text of [words, edited, refusedWords])
      for (const fragment of [text, text.slice(0, 8), 'ZQX-773'])
        expect(rows.filter((r) => JSON.stringify(r).includes(fragment))).toEqual([]);
    // What stands instead proves the words if a copy is brought forward: the SHA-256 of the text and its length.
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    const kept = rows.map((r) => r.detail).join('\n');
    for (const text of [words, edited, refusedWords]) {
      expect(kept).toContain(sha(text));
      expect(kept).toContain(`"chars":${[...text].length}`);
    }
    // The chain still verifies: nothing was rewritten, the words were never written.
    const chain = await hub.db.all<AuditEntry & { hash: string }>(
      `SELECT seq, at, request_id AS "requestId", actor_id AS "actorId", operation, outcome, detail, prev_hash AS "prevHash", hash
       FROM audit_log ORDER BY seq`,
    );
    expect(firstBrokenLink(chain.map((r) => ({ ...r, seq: Number(r.seq), at: Number(r.at) })))).toBeNull();
  });
});

describe('follow', () => {
  it('anyone who may see a problem follows and unfollows it; following twice changes nothing', async () => {
    const p = await openProblem('上海分行自助机吞卡', ['SH']);
    let seen = await thread('agent', p.id);
    expect(seen).toMatchObject({ followedByMe: false, followers: 1 }); // the analyst who opened it
    const f = ok(await hub.gql(t.agent!, M.follow, { i: { problemId: p.id } })).followProblem;
    expect(f).toMatchObject({ followedByMe: true, followers: 2 });
    expect(ok(await hub.gql(t.agent!, M.follow, { i: { problemId: p.id } })).followProblem).toMatchObject({ followers: 2 });
    expect(ok(await hub.gql(t['bm.sh']!, M.follow, { i: { problemId: p.id } })).followProblem).toMatchObject({ followers: 3 });
    await refused('bm.bj', M.follow, { problemId: p.id }, 'NOT_FOUND');
    await refused('agent', M.follow, { problemId: 'prb_00000000000000000000000000' }, 'NOT_FOUND');
    const u = ok(await hub.gql(t.agent!, M.unfollow, { i: { problemId: p.id } })).unfollowProblem;
    expect(u).toMatchObject({ followedByMe: false, followers: 2 });
    seen = await thread('agent', p.id);
    expect(seen.followedByMe).toBe(false);
    expect(await audited('followProblem')).toEqual(expect.arrayContaining(['OK', 'REFUSED']));
  });

  it('creators, invited experts and action owners follow automatically, and each hears of an event once', async () => {
    let p = await openProblem('上海分行信用卡账单日调整', ['SH']);
    ok(await hub.gql(t.agent!, M.follow, { i: { problemId: p.id } }));
    expect(await hub.db.all('SELECT user_id, reason FROM problem_followers WHERE problem_id = ? ORDER BY reason', p.id)).toEqual([
      { user_id: id['user:analyst'], reason: 'CREATOR' },
      { user_id: id['user:agent'], reason: 'MANUAL' },
    ]);
    p = await diagnose(hub, t.analyst!, p, [id['dep:CARD']!]);
    // The follower hears of the diagnosis; its author (the analyst, also a follower) does not.
    expect(await notified('agent', 'FOLLOWED_PROBLEM', p.id)).toBe(1);
    expect(await notified('analyst', 'FOLLOWED_PROBLEM', p.id)).toBe(0);

    p = await openConsultation(hub, t.coordinator!, p, [id['user:expert.card']!]);
    const opened = await lastEvent('CONSULTATION_OPENED', p.id);
    // The invited expert now follows, and is told of the consultation once: as invited, not also as a follower.
    expect(
      await hub.db.get('SELECT reason FROM problem_followers WHERE problem_id = ? AND user_id = ?', p.id, id['user:expert.card']),
    ).toEqual({
      reason: 'EXPERT',
    });
    expect(await toldOf('expert.card', opened.seq)).toBe(1);
    expect(await notified('expert.card', 'CONSULTATION_INVITED', p.id)).toBe(1);

    p = await submitOpinion(hub, t['expert.card']!, p.id);
    p = await conclude(
      hub,
      t.coordinator!,
      p,
      [{ branchId: id.SH!, title: '上海分行整改' }],
      new Date(hub.clock.now().getTime() + 10 * 86_400_000),
    );
    const assigned = await lastEvent('ACTION_ASSIGNED', p.id);
    expect(await hub.db.get('SELECT reason FROM problem_followers WHERE problem_id = ? AND user_id = ?', p.id, id['user:bm.sh'])).toEqual({
      reason: 'ASSIGNEE',
    });
    // The branch manager hears of the new action as its owner only; the agent as a follower.
    expect(await toldOf('bm.sh', assigned.seq)).toBe(1);
    expect(await notified('bm.sh', 'ACTION_ASSIGNED', p.id)).toBe(1);
    expect(await toldOf('agent', assigned.seq)).toBe(1);

    // A follower mentioned in a comment is told once, as mentioned.
    await comment('coordinator', p.id, '@agent 请关注客户回访');
    const added = await lastEvent('COMMENT_ADDED', p.id);
    expect(await toldOf('agent', added.seq)).toBe(1);
    expect(await notified('agent', 'MENTIONED', p.id)).toBe(1);
    expect(await notified('agent', 'COMMENT_ADDED', p.id)).toBe(0);
    expect(await toldOf('bm.sh', added.seq)).toBe(1);
    expect(await notified('bm.sh', 'COMMENT_ADDED', p.id)).toBe(1);
  });

  it('who followed a duplicate follows the problem it is merged into', async () => {
    const dup = await openProblem('上海分行短信通知重复（重复立项）', ['SH']);
    const target = await openProblem('上海分行短信通知重复', ['SH']);
    ok(await hub.gql(t.agent!, M.follow, { i: { problemId: dup.id } }));
    expect((await thread('agent', target.id)).followedByMe).toBe(false);
    ok(
      await hub.gql(t.analyst!, 'mutation($i: MergeProblemInput!) { mergeProblem(input: $i) { id status } }', {
        i: { problemId: dup.id, expectedVersion: dup.version, intoProblemId: target.id },
      }),
    );
    expect((await thread('agent', target.id)).followedByMe).toBe(true);
    expect(
      await hub.db.get('SELECT reason FROM problem_followers WHERE problem_id = ? AND user_id = ?', target.id, id['user:agent']),
    ).toEqual({
      reason: 'MANUAL',
    });
  });

  it('a branch manager following a problem hears only of its part in their branches', async () => {
    const p = await openProblem('沪京两地网银登录失败', ['SH', 'BJ']);
    ok(await hub.gql(t['bm.sh']!, M.follow, { i: { problemId: p.id } }));
    let q = await diagnose(hub, t.analyst!, p, [id['dep:IT']!]);
    expect(await notified('bm.sh', 'FOLLOWED_PROBLEM', p.id)).toBe(1);
    q = await openConsultation(hub, t.coordinator!, q, [id['user:expert.it']!]);
    q = await submitOpinion(hub, t['expert.it']!, q.id);
    const before = await notified('bm.sh', 'FOLLOWED_PROBLEM', p.id);
    const concluded = await conclude(
      hub,
      t.coordinator!,
      q,
      [{ branchId: id.BJ!, title: '北京分行整改' }],
      new Date(hub.clock.now().getTime() + 10 * 86_400_000),
    );
    expect(concluded.actions[0]!.branch!.code).toBe('BJ');
    const bjAssigned = await lastEvent('ACTION_ASSIGNED', p.id);
    // The Beijing action is not Shanghai's business: bm.sh hears nothing of it (they hear of the conclusion).
    expect(await toldOf('bm.sh', bjAssigned.seq)).toBe(0);
    expect(await notified('bm.sh', 'FOLLOWED_PROBLEM', p.id)).toBe(before + 1);
    const summaries = await hub.db.all<{ summary: string }>(
      'SELECT summary FROM notifications WHERE user_id = ? AND problem_id = ? AND kind = ?',
      id['user:bm.sh'],
      p.id,
      'FOLLOWED_PROBLEM',
    );
    expect(summaries.map((s) => s.summary).join('|')).not.toContain('北京');
  });
});
