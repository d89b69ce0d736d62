import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, TestClock, type TestHub } from '../../utils/hub.js';
import { write } from '../../../server/src/event/event.write.js';
import {
  bankTime,
  DAY,
  HOUR,
  refs,
  viewerOf,
  notificationsOf,
  problemWithActions,
  problemInConsultation,
  openedProblem,
  type Hubish,
} from '../deadline/loop.factory.js';
import { mentionedUsernames, notificationsOf as plannedFor } from '../../../server/src/notification/notification.rules.js';

describe('who is notified of what (rules)', () => {
  it.each([
    ['请 @expert.it 协助', ['expert.it']],
    ['@bm.sh.', ['bm.sh']],
    ['请@bm.sh跟进，@BM.SH 再确认', ['bm.sh']],
    ['mail a@b.com is no mention', []],
    ['@@x, @ alone, @-dash', []],
    ['two: @analyst and @coordinator', ['analyst', 'coordinator']],
    [null, []],
  ] as const)('mentions in %j', (text, expected) => expect(mentionedUsernames(text)).toEqual(expected));

  it.each([
    ['CONSULTATION_OPENED', null, ['CONSULTATION_INVITED:INVITED_EXPERTS']],
    ['ACTION_ASSIGNED', 'ASSIGNED', ['ACTION_ASSIGNED:ACTION_OWNERS']],
    ['ACTION_STATUS_CHANGED', 'RETURNED', ['ACTION_RETURNED:ACTION_OWNERS']],
    ['ACTION_STATUS_CHANGED', 'CONFIRMED', ['ACTION_CONFIRMED:ACTION_OWNERS']],
    ['ACTION_STATUS_CHANGED', 'IN_PROGRESS', []],
    ['EXTENSION_DECIDED', 'GRANTED', ['EXTENSION_DECIDED:EXTENSION_REQUESTER', 'EXTENSION_DECIDED:ACTION_OWNERS']],
    ['ACTION_OVERDUE', 'ASSIGNED', ['ACTION_OVERDUE:ACTION_OWNERS']],
    ['ACTION_ESCALATED', 'ASSIGNED', ['ACTION_ESCALATED:COORDINATORS']],
    ['STAGE_OVERDUE', 'OPEN', ['STAGE_OVERDUE:STAGE_OWNERS']],
    ['FEEDBACK_RECORDED', null, []],
  ] as const)('%s → %s', (type, toStatus, expected) =>
    expect(plannedFor({ type, toStatus }).map((p) => `${p.kind}:${p.audience}`)).toEqual(expected),
  );
});

describe('notifications in the hub', () => {
  let hub: TestHub;
  let h: Hubish;
  const clock = new TestClock(bankTime('2026-03-02 09:00'));

  beforeAll(async () => {
    hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
    h = { services: hub.app.services, store: hub.store };
  });
  afterAll(() => hub.stop());

  it('invites the experts to a consultation, and not the coordinator who opened it', async () => {
    const p = await problemInConsultation(h, { opinion: false });
    expect(await notificationsOf(h, 'expert.card', 'CONSULTATION_INVITED', { problemId: p.id })).toHaveLength(1);
    expect(await notificationsOf(h, 'expert.it', 'CONSULTATION_INVITED', { problemId: p.id })).toHaveLength(0);
    expect(await notificationsOf(h, 'coordinator', 'CONSULTATION_INVITED', { problemId: p.id })).toHaveLength(0);
  });

  it("tells an action's owners it is assigned, returned, confirmed, and how their extension was decided", async () => {
    const { actions } = await problemWithActions(h, [{ branch: 'SH-PD' }, { department: 'CARD' }], clock.now().getTime() + 5 * DAY);
    const [branchAction, deptAction] = actions as [(typeof actions)[0], (typeof actions)[0]];
    expect(await notificationsOf(h, 'bm.sh', 'ACTION_ASSIGNED', { actionId: branchAction.id })).toHaveLength(1);
    expect(await notificationsOf(h, 'bm.bj', 'ACTION_ASSIGNED', { actionId: branchAction.id })).toHaveLength(0);
    expect(await notificationsOf(h, 'expert.card', 'ACTION_ASSIGNED', { actionId: deptAction.id })).toHaveLength(1);
    expect(await notificationsOf(h, 'expert.it', 'ACTION_ASSIGNED', { actionId: deptAction.id })).toHaveLength(0);

    const bm = await viewerOf(h, 'bm.sh');
    const coordinator = await viewerOf(h, 'coordinator');
    let a = await h.services.actions.accept(bm, { actionId: branchAction.id, expectedVersion: branchAction.version });
    a = await h.services.actions.reportProgress(bm, { actionId: a.id, expectedVersion: a.version, note: '开始' });
    a = await h.services.actions.submit(bm, { actionId: a.id, expectedVersion: a.version, evidence: '完成' });
    a = await h.services.actions.returnAction(coordinator, { actionId: a.id, expectedVersion: a.version, reason: '证据不足' });
    expect(await notificationsOf(h, 'bm.sh', 'ACTION_RETURNED', { actionId: a.id })).toHaveLength(1);
    expect((await notificationsOf(h, 'bm.sh', 'ACTION_RETURNED', { actionId: a.id }))[0]!.summary).toContain('被退回');

    await h.services.actions.requestExtension(bm, {
      actionId: a.id,
      dueAt: new Date(clock.now().getTime() + 9 * DAY),
      reason: '需要更多时间',
    });
    await h.services.actions.decideExtension(coordinator, { actionId: a.id, grant: false });
    // The requester is one of the owners: told once.
    const decided = await notificationsOf(h, 'bm.sh', 'EXTENSION_DECIDED', { actionId: a.id });
    expect(decided).toHaveLength(1);
    expect(decided[0]!.summary).toContain('未获批准');

    a = (await h.services.actions.find(coordinator, a.id))!;
    a = await h.services.actions.reportProgress(bm, { actionId: a.id, expectedVersion: a.version, note: '补充证据' });
    a = await h.services.actions.submit(bm, { actionId: a.id, expectedVersion: a.version, evidence: '补充完成' });
    a = await h.services.actions.confirm(coordinator, { actionId: a.id, expectedVersion: a.version });
    expect(await notificationsOf(h, 'bm.sh', 'ACTION_CONFIRMED', { actionId: a.id })).toHaveLength(1);
    // Nobody is told of their own step.
    expect(await notificationsOf(h, 'coordinator', 'ACTION_CONFIRMED', { actionId: a.id })).toHaveLength(0);
  });

  it('tells whoever is @mentioned in an update or an opinion, if they may read it', async () => {
    const { problem, actions } = await problemWithActions(h, [{ branch: 'SH' }], clock.now().getTime() + 5 * DAY);
    const bm = await viewerOf(h, 'bm.sh');
    let a = await h.services.actions.accept(bm, { actionId: actions[0]!.id, expectedVersion: actions[0]!.version });
    a = await h.services.actions.reportProgress(bm, {
      actionId: a.id,
      expectedVersion: a.version,
      note: '请 @expert.it 协助排查，抄送@bm.bj，@bm.sh 自己，@nobody',
    });
    expect(await notificationsOf(h, 'expert.it', 'MENTIONED', { actionId: a.id })).toHaveLength(1);
    expect((await notificationsOf(h, 'expert.it', 'MENTIONED', { actionId: a.id }))[0]!.summary).toContain(problem.code);
    // BJ's manager may not read an SH action: no notification, not even its existence.
    expect(await notificationsOf(h, 'bm.bj', 'MENTIONED', { actionId: a.id })).toHaveLength(0);
    expect(await notificationsOf(h, 'bm.sh', 'MENTIONED', { actionId: a.id })).toHaveLength(0);

    const p = await problemInConsultation(h, { opinion: false });
    await h.services.consultations.submitOpinion(await viewerOf(h, 'expert.card'), {
      problemId: p.id,
      body: '@analyst 请补充客户来电记录',
      agreesWithDiagnosis: false,
    });
    expect(await notificationsOf(h, 'analyst', 'MENTIONED', { problemId: p.id })).toHaveLength(1);
  });

  it('writes notifications in the transaction of their event: a rolled-back change leaves none', async () => {
    const { problem, actions } = await problemWithActions(h, [{ branch: 'GZ' }], clock.now().getTime() + 5 * DAY);
    const count = async () => (await hub.db.get<{ n: number }>('SELECT count(*) AS n FROM notifications'))!.n;
    const draft = {
      type: 'ACTION_OVERDUE' as const,
      actorId: null,
      problemId: problem.id,
      actionId: actions[0]!.id,
      branchId: actions[0]!.branchId,
    };
    const before = await count();
    await expect(
      write(hub.deps, (_tx, emit) => {
        emit(draft);
        throw new Error('the change fails after its event');
      }),
    ).rejects.toThrow('the change fails');
    expect(await count()).toBe(before);
    await write(hub.deps, (_tx, emit) => emit(draft));
    expect(await count()).toBeGreaterThan(before);
  });

  it('keeps an inbox: newest first, unread count, mark one or all read, nobody else’s', async () => {
    const bm = await viewerOf(h, 'bm.sh');
    await problemWithActions(h, [{ branch: 'SH' }, { branch: 'SH-PD' }], clock.now().getTime() + 5 * DAY);
    const page = await h.services.notifications.list(bm, { first: 5 });
    expect(page.nodes.length).toBe(5);
    expect(page.nodes.map((n) => n.id)).toEqual([...page.nodes.map((n) => n.id)].sort((x, y) => y - x));
    expect(page.unreadCount).toBe(page.totalCount);
    const next = await h.services.notifications.list(bm, { first: 5, after: page.cursorOf(page.nodes[4]!) });
    expect(next.nodes[0]!.id).toBeLessThan(page.nodes[4]!.id);

    const newest = page.nodes[0]!;
    const read = await h.services.notifications.markRead(bm, String(newest.id));
    expect(read.readAt).not.toBeNull();
    expect(await h.services.notifications.unreadCount(bm)).toBe(page.totalCount - 1);
    const again = await h.services.notifications.markRead(bm, String(newest.id));
    expect(again.readAt).toEqual(read.readAt);
    await expect(h.services.notifications.markRead(await viewerOf(h, 'bm.bj'), String(newest.id))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const upTo = page.nodes[2]!.id;
    const marked = await h.services.notifications.markAllRead(bm, String(upTo));
    expect(marked).toBe(page.totalCount - 1 - 1);
    expect(await h.services.notifications.unreadCount(bm)).toBe(1);
    expect((await h.services.notifications.list(bm, { unreadOnly: true })).nodes.map((n) => n.id)).toEqual([page.nodes[1]!.id]);
    expect(await h.services.notifications.markAllRead(bm, null)).toBe(1);
    expect(await h.services.notifications.unreadCount(bm)).toBe(0);
  });

  it('streams the viewer’s new notifications live, after a replay of those since a cursor, and no one else’s', async () => {
    const bm = await viewerOf(h, 'bm.sh');
    const last = (await h.services.notifications.list(bm, { first: 1 })).nodes[0]!;
    const live = h.services.notifications.stream(bm, 0, Number.MAX_SAFE_INTEGER, String(last.id - 1));
    const replayed = await live.next();
    expect(replayed.value).toMatchObject({ id: last.id });
    const { actions } = await problemWithActions(h, [{ branch: 'SH' }, { branch: 'BJ' }], clock.now().getTime() + 5 * DAY);
    const pushed = await live.next();
    expect(pushed.value).toMatchObject({ kind: 'ACTION_ASSIGNED', actionId: actions[0]!.id, userId: bm.id });
    await live.return!();
    expect(h.services.notifications.openStreams).toBe(0);
  });
});

describe('the daily digest', () => {
  let hub: TestHub;
  let h: Hubish;
  const clock = new TestClock(bankTime('2026-03-02 07:00')); // Monday

  beforeAll(async () => {
    hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
    h = { services: hub.app.services, store: hub.store };
  });
  afterAll(() => hub.stop());

  it('says what is due, overdue and waiting for each user', async () => {
    const now = clock.now().getTime();
    const { actions } = await problemWithActions(h, [{ branch: 'SH' }, { branch: 'SH-PD' }], now + DAY);
    const late = await problemWithActions(h, [{ branch: 'SH' }], now + HOUR);
    const opened = await openedProblem(h);
    clock.advance(2 * HOUR);

    const forBm = await h.services.notifications.digests.digestFor(hub.store.read, await viewerOf(h, 'bm.sh'), clock.now().getTime());
    expect(forBm.dueActions.map((a) => a.id)).toEqual(expect.arrayContaining(actions.map((a) => a.id)));
    expect(forBm.overdueActions.map((a) => a.id)).toContain(late.actions[0]!.id);
    expect(forBm.dueActions.map((a) => a.id)).not.toContain(late.actions[0]!.id);
    expect(forBm.waiting.filter((w) => w.reason === 'ACCEPT_ACTION').map((w) => w.actionId)).toEqual(
      expect.arrayContaining([...actions.map((a) => a.id), late.actions[0]!.id]),
    );
    const forBj = await h.services.notifications.digests.digestFor(hub.store.read, await viewerOf(h, 'bm.bj'), clock.now().getTime());
    expect([...forBj.dueActions, ...forBj.overdueActions].map((a) => a.id)).not.toContain(actions[0]!.id);

    const forAnalyst = await h.services.notifications.digests.digestFor(
      hub.store.read,
      await viewerOf(h, 'analyst'),
      clock.now().getTime(),
    );
    expect(forAnalyst.waiting).toContainEqual({ reason: 'DIAGNOSE', problemId: opened.id, actionId: null });
    const forCoordinator = await h.services.notifications.digests.digestFor(
      hub.store.read,
      await viewerOf(h, 'coordinator'),
      clock.now().getTime(),
    );
    expect(forCoordinator.overdueActions.map((a) => a.id)).toContain(late.actions[0]!.id);
  });

  it('goes out once a working day at DIGEST_AT, not before, not twice, not on a weekend', async () => {
    const digests = async (username: string) => notificationsOf(h, username, 'DAILY_DIGEST');
    clock.set(bankTime('2026-03-02 08:29'));
    expect((await h.services.deadlines.scanDeadlines()).digests).toBe(0);
    expect(await digests('bm.sh')).toHaveLength(0);

    clock.set(bankTime('2026-03-02 08:30'));
    const sent = await h.services.deadlines.scanDeadlines();
    expect(sent.digests).toBeGreaterThan(0);
    expect(await digests('bm.sh')).toHaveLength(1);
    expect((await digests('bm.sh'))[0]!.summary).toMatch(/今日待办：\d+ 项即将到期，\d+ 项已逾期，\d+ 项等待您处理/);
    clock.set(bankTime('2026-03-02 17:00'));
    expect((await h.services.deadlines.scanDeadlines()).digests).toBe(0);
    expect(await digests('bm.sh')).toHaveLength(1);

    clock.set(bankTime('2026-03-07 09:00')); // Saturday
    expect((await h.services.deadlines.scanDeadlines()).digests).toBe(0);
    clock.set(bankTime('2026-03-09 09:00')); // Monday
    await h.services.deadlines.scanDeadlines();
    expect(await digests('bm.sh')).toHaveLength(2);
    // Users with nothing to do get no digest.
    expect(await digests('agent')).toHaveLength(0);
  });
});

describe('notification ids', () => {
  it('are refused when not an id', async () => {
    const hub = await startHub({ demo: { feedback: 0, contacts: 0 } });
    try {
      const h: Hubish = { services: hub.app.services, store: hub.store };
      await expect(h.services.notifications.markRead(await viewerOf(h, 'analyst'), 'abc')).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
      expect((await refs(h)).user.analyst).toBeTruthy();
    } finally {
      await hub.stop();
    }
  });
});
