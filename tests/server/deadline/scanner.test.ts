import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, TestClock, type TestHub } from '../../utils/hub.js';
import {
  bankTime,
  DAY,
  HOUR,
  eventsOf,
  notificationsOf,
  problemWithActions,
  problemInConsultation,
  openedProblem,
  completeAction,
  viewerOf,
  refs,
  type Hubish,
} from './loop.factory.js';
import { isOverdue } from '../../../server/src/loop/action.rules.js';

const OVERDUE = ['ACTION_OVERDUE'];
const ESCALATED = ['ACTION_ESCALATED'];
const STAGE = ['STAGE_OVERDUE'];

describe('deadlines of actions', () => {
  let hub: TestHub;
  let h: Hubish;
  const clock = new TestClock(bankTime('2026-03-02 09:00')); // a Monday

  beforeAll(async () => {
    hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
    h = { services: hub.app.services, store: hub.store };
  });
  afterAll(() => hub.stop());

  const scan = () => h.services.deadlines.scanDeadlines();

  it('writes ACTION_OVERDUE once, strictly after the due date, and tells the branch manager at once', async () => {
    clock.set(bankTime('2026-03-02 09:00'));
    const due = bankTime('2026-03-04 18:00'); // Wednesday
    const { actions } = await problemWithActions(h, [{ branch: 'SH-PD' }], due);
    const action = actions[0]!;

    clock.set(due);
    await scan();
    expect(await eventsOf(h, OVERDUE, { actionId: action.id })).toHaveLength(0);
    expect(isOverdue((await h.services.actions.find(await viewerOf(h, 'coordinator'), action.id))!, clock.now())).toBe(false);

    clock.set(due + 1);
    const first = await scan();
    expect(first.actionsOverdue).toBeGreaterThanOrEqual(1);
    const events = await eventsOf(h, OVERDUE, { actionId: action.id });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ problem_id: action.problemId, branch_id: (await refs(h)).branch['SH-PD'], actor_id: null });
    // The manager of SH, whose subtree holds SH-PD, hears of it; BJ's manager does not; the coordinator not yet.
    expect(await notificationsOf(h, 'bm.sh', 'ACTION_OVERDUE', { actionId: action.id })).toHaveLength(1);
    expect(await notificationsOf(h, 'bm.bj', 'ACTION_OVERDUE', { actionId: action.id })).toHaveLength(0);
    expect(await notificationsOf(h, 'coordinator', 'ACTION_ESCALATED', { actionId: action.id })).toHaveLength(0);

    // Overdue stays derived: the row itself is unchanged by the scan.
    const row = (await h.services.actions.find(await viewerOf(h, 'coordinator'), action.id))!;
    expect(row.status).toBe('ASSIGNED');
    expect(row.version).toBe(action.version);
    expect(isOverdue(row, clock.now())).toBe(true);

    clock.advance(HOUR);
    await scan();
    await scan();
    expect(await eventsOf(h, OVERDUE, { actionId: action.id })).toHaveLength(1);
    expect(await notificationsOf(h, 'bm.sh', 'ACTION_OVERDUE', { actionId: action.id })).toHaveLength(1);
  });

  it('escalates to the coordinators after the configured working days (2wd), across a weekend', async () => {
    clock.set(bankTime('2026-03-02 09:00'));
    const due = bankTime('2026-03-06 18:00'); // Friday
    const { actions } = await problemWithActions(h, [{ branch: 'BJ' }], due);
    const action = actions[0]!;
    const escalateAt = bankTime('2026-03-10 18:00'); // Tuesday: Saturday and Sunday do not count

    clock.set(bankTime('2026-03-09 23:59'));
    await scan();
    expect(await eventsOf(h, OVERDUE, { actionId: action.id })).toHaveLength(1);
    expect(await eventsOf(h, ESCALATED, { actionId: action.id })).toHaveLength(0);

    clock.set(escalateAt);
    await scan();
    expect(await eventsOf(h, ESCALATED, { actionId: action.id })).toHaveLength(0);

    clock.set(escalateAt + 1);
    await scan();
    const escalated = await eventsOf(h, ESCALATED, { actionId: action.id });
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ branch_id: (await refs(h)).branch.BJ });
    expect(await notificationsOf(h, 'coordinator', 'ACTION_ESCALATED', { actionId: action.id })).toHaveLength(1);
    expect(await notificationsOf(h, 'bm.bj', 'ACTION_ESCALATED', { actionId: action.id })).toHaveLength(0);

    clock.advance(3 * DAY);
    await scan();
    expect(await eventsOf(h, ESCALATED, { actionId: action.id })).toHaveLength(1);
    expect(await eventsOf(h, OVERDUE, { actionId: action.id })).toHaveLength(1);
  });

  it('writes both events at once when the hub was down past the escalation time', async () => {
    clock.set(bankTime('2026-03-02 09:00'));
    const due = bankTime('2026-03-03 09:00');
    const { actions } = await problemWithActions(h, [{ department: 'CARD' }], due);
    clock.set(bankTime('2026-03-20 09:00'));
    await scan();
    const both = await eventsOf(h, [...OVERDUE, ...ESCALATED], { actionId: actions[0]!.id });
    expect(both.map((e) => e.type)).toEqual(['ACTION_OVERDUE', 'ACTION_ESCALATED']);
    // A department's action: its experts hear of it, not a branch manager.
    expect(await notificationsOf(h, 'expert.card', 'ACTION_OVERDUE', { actionId: actions[0]!.id })).toHaveLength(1);
    expect(await notificationsOf(h, 'expert.it', 'ACTION_OVERDUE', { actionId: actions[0]!.id })).toHaveLength(0);
    expect(await notificationsOf(h, 'bm.sh', 'ACTION_OVERDUE', { actionId: actions[0]!.id })).toHaveLength(0);
  });

  it('a granted extension is a new deadline: overdue again once the new date passes, and only then', async () => {
    clock.set(bankTime('2026-03-02 09:00'));
    const due = bankTime('2026-03-03 18:00');
    const { actions } = await problemWithActions(h, [{ branch: 'SH' }], due);
    const id = actions[0]!.id;
    clock.set(due + HOUR);
    await scan();
    expect(await eventsOf(h, OVERDUE, { actionId: id })).toHaveLength(1);

    const newDue = bankTime('2026-03-05 18:00');
    await h.services.actions.requestExtension(await viewerOf(h, 'bm.sh'), {
      actionId: id,
      dueAt: new Date(newDue),
      reason: '系统改造需要时间',
    });
    await h.services.actions.decideExtension(await viewerOf(h, 'coordinator'), { actionId: id, grant: true });
    await scan();
    expect(await eventsOf(h, OVERDUE, { actionId: id })).toHaveLength(1);

    clock.set(newDue + 1);
    await scan();
    expect(await eventsOf(h, OVERDUE, { actionId: id })).toHaveLength(2);
    expect(await notificationsOf(h, 'bm.sh', 'ACTION_OVERDUE', { actionId: id })).toHaveLength(2);
    expect(await notificationsOf(h, 'bm.sh', 'EXTENSION_DECIDED', { actionId: id })).toHaveLength(1);
  });

  it('a confirmed action is never overdue', async () => {
    clock.set(bankTime('2026-03-02 09:00'));
    const due = bankTime('2026-03-03 18:00');
    const { actions } = await problemWithActions(h, [{ department: 'IT' }], due);
    await completeAction(h, actions[0]!, 'expert.it');
    clock.set(due + 10 * DAY);
    await scan();
    expect(await eventsOf(h, [...OVERDUE, ...ESCALATED], { actionId: actions[0]!.id })).toHaveLength(0);
  });
});

describe('stage time limits', () => {
  let hub: TestHub;
  let h: Hubish;
  const clock = new TestClock(bankTime('2026-03-06 15:00')); // a Friday

  beforeAll(async () => {
    hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
    h = { services: hub.app.services, store: hub.store };
  });
  afterAll(() => hub.stop());

  const scan = () => h.services.deadlines.scanDeadlines();

  it('OPEN for longer than 3 working days: one STAGE_OVERDUE, to the analysts', async () => {
    clock.set(bankTime('2026-03-06 15:00'));
    const p = await openedProblem(h);
    const limit = bankTime('2026-03-11 15:00'); // Wednesday: the weekend does not count

    clock.set(bankTime('2026-03-10 15:00'));
    await scan();
    expect(await eventsOf(h, STAGE, { problemId: p.id })).toHaveLength(0);
    clock.set(limit);
    await scan();
    expect(await eventsOf(h, STAGE, { problemId: p.id })).toHaveLength(0);

    clock.set(limit + 1);
    await scan();
    const events = await eventsOf(h, STAGE, { problemId: p.id });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ from_status: 'OPEN', to_status: 'OPEN', actor_id: null });
    expect(await notificationsOf(h, 'analyst', 'STAGE_OVERDUE', { problemId: p.id })).toHaveLength(1);
    expect(await notificationsOf(h, 'coordinator', 'STAGE_OVERDUE', { problemId: p.id })).toHaveLength(0);
    expect((await notificationsOf(h, 'analyst', 'STAGE_OVERDUE', { problemId: p.id }))[0]!.summary).toContain('2026-03-11 15:00');

    clock.advance(5 * DAY);
    await scan();
    expect(await eventsOf(h, STAGE, { problemId: p.id })).toHaveLength(1);
  });

  it('a consultation keeps its own due date, and reaches the coordinators and the experts who owe an opinion', async () => {
    clock.set(bankTime('2026-03-09 10:00'));
    const due = bankTime('2026-03-10 12:00');
    const p = await problemInConsultation(h, { opinion: false, dueAt: new Date(due) });
    clock.set(due + 1);
    await scan();
    const events = await eventsOf(h, STAGE, { problemId: p.id });
    expect(events.map((e) => e.from_status)).toEqual(['IN_CONSULTATION']);
    expect(await notificationsOf(h, 'coordinator', 'STAGE_OVERDUE', { problemId: p.id })).toHaveLength(1);
    expect(await notificationsOf(h, 'expert.card', 'STAGE_OVERDUE', { problemId: p.id })).toHaveLength(1);
    expect(await notificationsOf(h, 'expert.it', 'STAGE_OVERDUE', { problemId: p.id })).toHaveLength(0);
  });

  it('VERIFYING is due 30 days after the last confirmation; a reopening starts a new verification and a new limit', async () => {
    clock.set(bankTime('2026-03-09 10:00'));
    const { problem, actions } = await problemWithActions(h, [{ department: 'IT' }], bankTime('2026-03-20 10:00'));
    const confirmedAt = bankTime('2026-03-10 10:00');
    clock.set(confirmedAt);
    await completeAction(h, actions[0]!, 'expert.it');
    const verifying = (await h.services.problems.find(await viewerOf(h, 'coordinator'), problem.id))!;
    expect(verifying.status).toBe('VERIFYING');

    clock.set(confirmedAt + 30 * DAY);
    await scan();
    expect(await eventsOf(h, STAGE, { problemId: problem.id })).toHaveLength(0);
    clock.set(confirmedAt + 30 * DAY + 1);
    await scan();
    expect((await eventsOf(h, STAGE, { problemId: problem.id })).map((e) => e.from_status)).toEqual(['VERIFYING']);

    const reopened = await h.services.problems.reopen(await viewerOf(h, 'coordinator'), {
      problemId: problem.id,
      expectedVersion: verifying.version,
      reason: '客户再次来电',
    });
    expect(reopened.status).toBe('REMEDIATING');
    const added = await h.services.actions.add(await viewerOf(h, 'coordinator'), {
      problemId: problem.id,
      action: {
        departmentId: (await refs(h)).department.IT!,
        title: '二次整改',
        description: '复发后整改',
        dueAt: new Date(clock.now().getTime() + 5 * DAY),
      },
    });
    const secondConfirmation = clock.now().getTime() + HOUR;
    clock.set(secondConfirmation);
    await completeAction(h, added, 'expert.it');
    await scan();
    expect(await eventsOf(h, STAGE, { problemId: problem.id })).toHaveLength(1);
    clock.set(secondConfirmation + 30 * DAY + 1);
    await scan();
    expect((await eventsOf(h, STAGE, { problemId: problem.id })).map((e) => e.from_status)).toEqual(['VERIFYING', 'VERIFYING']);
  });
});

describe('configured limits', () => {
  it('takes the limits from the configuration: OPEN off, DIAGNOSED 1 working day, escalation off', async () => {
    const clock = new TestClock(bankTime('2026-03-02 09:00'));
    const hub = await startHub({
      clock,
      demo: { feedback: 0, contacts: 0 },
      env: { STAGE_LIMIT_OPEN: 'off', STAGE_LIMIT_DIAGNOSED: '1wd', ESCALATE_TO_COORDINATOR_AFTER: 'off' },
    });
    try {
      const h: Hubish = { services: hub.app.services, store: hub.store };
      const open = await openedProblem(h);
      const { actions } = await problemWithActions(h, [{ branch: 'SH' }], bankTime('2026-03-03 09:00'));
      let diagnosed = await openedProblem(h);
      diagnosed = await h.services.problems.submitDiagnosis(await viewerOf(h, 'analyst'), {
        problemId: diagnosed.id,
        expectedVersion: diagnosed.version,
        summary: '初诊',
        customerImpact: '影响客户',
        suspectedCause: 'OTHER',
        proposedDepartmentIds: [],
      });
      clock.set(bankTime('2026-03-03 09:01'));
      await h.services.deadlines.scanDeadlines();
      expect((await eventsOf(h, STAGE, { problemId: diagnosed.id })).map((e) => e.from_status)).toEqual(['DIAGNOSED']);
      expect(await notificationsOf(h, 'coordinator', 'STAGE_OVERDUE', { problemId: diagnosed.id })).toHaveLength(1);
      clock.set(bankTime('2026-04-30 09:00'));
      await h.services.deadlines.scanDeadlines();
      expect(await eventsOf(h, STAGE, { problemId: open.id })).toHaveLength(0);
      expect(await eventsOf(h, OVERDUE, { actionId: actions[0]!.id })).toHaveLength(1);
      expect(await eventsOf(h, ESCALATED, { actionId: actions[0]!.id })).toHaveLength(0);
    } finally {
      await hub.stop();
    }
  });

  it('scans by itself every DEADLINE_SCAN_SECONDS', async () => {
    const clock = new TestClock(bankTime('2026-03-02 09:00'));
    const hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 }, env: { DEADLINE_SCAN_SECONDS: '1' } });
    try {
      const h: Hubish = { services: hub.app.services, store: hub.store };
      const { actions } = await problemWithActions(h, [{ branch: 'SH' }], bankTime('2026-03-02 12:00'));
      clock.set(bankTime('2026-03-02 12:01'));
      const deadline = Date.now() + 10_000;
      while (!(await eventsOf(h, OVERDUE, { actionId: actions[0]!.id })).length && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(await eventsOf(h, OVERDUE, { actionId: actions[0]!.id })).toHaveLength(1);
    } finally {
      await hub.stop();
    }
  });
});
