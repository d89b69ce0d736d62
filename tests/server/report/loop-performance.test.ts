import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBank, type Bank } from './bank.fixture.js';
import { actionsOfProblems, type ActionRow } from '../../../server/src/loop/action.repository.js';
import type { ProblemRow } from '../../../server/src/loop/problem.repository.js';

/**
 * A constructed month of the loop (March 2027, Beijing time), driven through the services with a
 * test clock, and the league table, stage cycle times and root causes worked out by hand.
 *
 *   day  P1 (credit card; feedback SH-PD, BJ)        P2 (e-banking; SH, GZ)         P3 (credit card; BJ)
 *   0    opened
 *   1    diagnosed                                     —
 *   2                                                  opened
 *   2.5                                                diagnosed
 *   3    consultation
 *   4    concluded IT_SYSTEM/SYSTEM_CHANGE:            consultation
 *        A1 SH-PD due 10, A2 BJ due 8, A3 CARD due 12
 *   5                                                                                  opened
 *   6    BJ asks to extend A2 to day 14: granted
 *   7    A1 returned once
 *   8                                                  concluded IT_SYSTEM/FIX:       diagnosed
 *                                                      B1 SH due 12, B2 GZ due 9
 *   9    A1 confirmed (on time)                                                        consultation
 *   10.5                                               B2 confirmed (late)
 *   11   A3 confirmed                                  B1 confirmed → verifying
 *   12                                                 resolved                       concluded BUSINESS_PROCESS/
 *                                                                                      PRODUCT_INNOVATION: C1 BJ due 16
 *   13   A2 confirmed (on time, extended) → verifying                                  C1 accepted, never done
 *   15   resolved
 *   20   reopened (a recurrence for SH and BJ); A4 SH due 22, never done
 *   30   now
 */
const DAY = 86_400_000;
const D0 = Date.parse('2027-03-01T09:00:00+08:00');
let bank: Bank;

beforeAll(async () => {
  bank = await startBank(new Date(D0));
  const { services: s, as, branch, category, department, clock } = bank;
  const at = (d: number) => clock.set(D0 + d * DAY);
  const record = async (branchId: string, kind: 'PRAISE' | 'PROBLEM' | 'SUGGESTION' = 'PROBLEM', complaint = false) =>
    (
      await s.feedback.record(as.agent!, {
        kind,
        channel: 'VOICE',
        categoryId: category.CREDIT_CARD,
        branchId,
        text: `客户反映的问题 ${kind}`,
        complaint,
      })
    ).id;
  const actionsOf = (p: ProblemRow) => actionsOfProblems(bank.hub.store.read, [p.id]);
  const due = (d: number) => new Date(D0 + d * DAY);
  const expertCard = as['expert.card']!;
  const work = async (who: typeof expertCard, a: ActionRow, note: string): Promise<ActionRow> => {
    let r = await s.actions.accept(who, { actionId: a.id, expectedVersion: a.version });
    r = await s.actions.reportProgress(who, { actionId: a.id, expectedVersion: r.version, note });
    return r;
  };
  const submit = (who: typeof expertCard, a: ActionRow) =>
    s.actions.submit(who, { actionId: a.id, expectedVersion: a.version, evidence: '整改完成' });
  const confirm = (a: ActionRow) => s.actions.confirm(as.coordinator!, { actionId: a.id, expectedVersion: a.version });
  const diagnose = (p: ProblemRow) =>
    s.problems.submitDiagnosis(as.analyst!, {
      problemId: p.id,
      expectedVersion: p.version,
      summary: '初诊',
      customerImpact: '影响客户',
      suspectedCause: 'IT_SYSTEM',
      proposedDepartmentIds: [department.CARD],
    });
  const consult = async (p: ProblemRow) =>
    s.consultations.open(as.coordinator!, { problemId: p.id, expectedVersion: p.version, expertIds: [expertCard.id] });
  const opinion = (p: ProblemRow) =>
    s.consultations.submitOpinion(expertCard, { problemId: p.id, body: '同意', agreesWithDiagnosis: true });

  at(0);
  const f1 = await record(branch['SH-PD'], 'PROBLEM', true);
  const f2 = await record(branch.BJ);
  let p1 = await s.problems.open(as.analyst!, {
    title: 'P1 还款提醒',
    categoryId: category.CREDIT_CARD,
    severity: 'HIGH',
    feedbackIds: [f1, f2],
  });
  at(1);
  p1 = await diagnose(p1);
  await record(branch.GZ, 'PRAISE');
  await record(branch['SH-PD'], 'SUGGESTION');
  at(2);
  const f3 = await record(branch.SH);
  const f4 = await record(branch.GZ);
  let p2 = await s.problems.open(as.analyst!, {
    title: 'P2 手机银行',
    categoryId: category.E_BANKING,
    severity: 'MEDIUM',
    feedbackIds: [f3, f4],
  });
  at(2.5);
  p2 = await diagnose(p2);
  at(3);
  p1 = await consult(p1);
  at(3.5);
  p1 = await opinion(p1);
  at(4);
  p1 = await s.consultations.conclude(as.coordinator!, {
    problemId: p1.id,
    expectedVersion: p1.version,
    rootCause: 'IT_SYSTEM',
    rootCauseDetail: '短信平台故障',
    remediationPlan: '修复短信平台',
    outcome: 'SYSTEM_CHANGE',
    actions: [
      { branchId: branch['SH-PD'], title: 'A1', description: '浦东支行回访客户', dueAt: due(10) },
      { branchId: branch.BJ, title: 'A2', description: '北京分行回访客户', dueAt: due(8) },
      { departmentId: department.CARD, title: 'A3', description: '信用卡中心修复', dueAt: due(12) },
    ],
  });
  p2 = await consult(p2);
  let [a1, a2, a3] = (await actionsOf(p1)) as [ActionRow, ActionRow, ActionRow];
  at(4.5);
  p2 = await opinion(p2);
  at(5);
  const f5 = await record(branch.BJ);
  let p3 = await s.problems.open(as.analyst!, { title: 'P3 分期', categoryId: category.CREDIT_CARD, severity: 'LOW', feedbackIds: [f5] });
  a1 = await work(as['bm.sh']!, a1, '已联系客户');
  a2 = await work(as['bm.bj']!, a2, '已联系客户');
  a3 = await work(expertCard, a3, '排查中');
  at(6);
  const f6 = await record(branch['SH-PD']);
  const p4 = await s.problems.open(as.analyst!, { title: 'P4 重复', categoryId: category.CREDIT_CARD, severity: 'LOW', feedbackIds: [f6] });
  a1 = await submit(as['bm.sh']!, a1);
  a2 = await s.actions.requestExtension(as['bm.bj']!, { actionId: a2.id, dueAt: due(14), reason: '需要更多时间' });
  a2 = await s.actions.decideExtension(as.coordinator!, { actionId: a2.id, grant: true });
  at(7);
  await s.problems.dismiss(as.analyst!, { problemId: p4.id, expectedVersion: p4.version, reason: '重复' });
  a1 = await s.actions.returnAction(as.coordinator!, { actionId: a1.id, expectedVersion: a1.version, reason: '证据不足' });
  a1 = await s.actions.reportProgress(as['bm.sh']!, { actionId: a1.id, expectedVersion: a1.version, note: '补充材料' });
  at(8);
  p2 = await s.consultations.conclude(as.coordinator!, {
    problemId: p2.id,
    expectedVersion: p2.version,
    rootCause: 'IT_SYSTEM',
    rootCauseDetail: '登录超时',
    remediationPlan: '修复登录',
    outcome: 'FIX',
    actions: [
      { branchId: branch.SH, title: 'B1', description: '上海分行回访', dueAt: due(12) },
      { branchId: branch.GZ, title: 'B2', description: '广州分行回访', dueAt: due(9) },
    ],
  });
  let [b1, b2] = (await actionsOf(p2)) as [ActionRow, ActionRow];
  p3 = await diagnose(p3);
  at(9);
  a1 = await submit(as['bm.sh']!, a1);
  await confirm(a1);
  p3 = await consult(p3);
  b1 = await work(as['bm.sh']!, b1, '处理中');
  b2 = await work(as['bm.gz']!, b2, '处理中');
  at(9.5);
  p3 = await opinion(p3);
  at(10);
  b2 = await submit(as['bm.gz']!, b2);
  at(10.5);
  await confirm(b2);
  at(11);
  a3 = await submit(expertCard, a3);
  await confirm(a3);
  b1 = await submit(as['bm.sh']!, b1);
  await confirm(b1);
  at(12);
  p2 = (await s.problems.find(as.coordinator!, p2.id))!;
  p2 = await s.problems.resolve(as.coordinator!, { problemId: p2.id, expectedVersion: p2.version, note: '已解决' });
  p3 = await s.consultations.conclude(as.coordinator!, {
    problemId: p3.id,
    expectedVersion: p3.version,
    rootCause: 'BUSINESS_PROCESS',
    rootCauseDetail: '流程缺失',
    remediationPlan: '推出短信提醒产品',
    outcome: 'PRODUCT_INNOVATION',
    actions: [{ branchId: branch.BJ, title: 'C1', description: '北京分行试点', dueAt: due(16) }],
  });
  at(13);
  const [c1] = (await actionsOf(p3)) as [ActionRow];
  await s.actions.accept(as['bm.bj']!, { actionId: c1.id, expectedVersion: c1.version });
  a2 = await s.actions.reportProgress(as['bm.bj']!, { actionId: a2.id, expectedVersion: a2.version, note: '继续' });
  a2 = await submit(as['bm.bj']!, a2);
  await confirm(a2);
  at(15);
  p1 = (await s.problems.find(as.coordinator!, p1.id))!;
  expect(p1.status).toBe('VERIFYING');
  p1 = await s.problems.resolve(as.coordinator!, { problemId: p1.id, expectedVersion: p1.version, note: '已解决' });
  at(20);
  p1 = await s.problems.reopen(as.coordinator!, { problemId: p1.id, expectedVersion: p1.version, reason: '问题复发' });
  await s.actions.add(as.coordinator!, {
    problemId: p1.id,
    action: { branchId: branch.SH, title: 'A4', description: '再次整改', dueAt: due(22) },
  });
  at(30);
});
afterAll(async () => bank.hub.stop());

const MARCH = '2027-03';

describe('the loop’s performance on a constructed month', () => {
  it('the branch league table, whole bank', async () => {
    const r = await bank.services.reports.vocReport(bank.as.coordinator!, MARCH);
    const code = (id: string) => Object.entries(bank.branch).find(([, v]) => v === id)?.[0];
    expect(r.league.map((l) => ({ ...l, branchId: code(l.branchId) }))).toEqual([
      // SH (with SH-PD): A1 on time after 5 days (returned once), B1 on time after 3, A4 overdue; P1 came back.
      {
        branchId: 'SH',
        assigned: 3,
        confirmed: 2,
        confirmedOnTime: 2,
        onTimeRate: 1,
        overdueNow: 1,
        returned: 1,
        extensionsRequested: 0,
        medianDaysToConfirm: 4,
        recurrences: 1,
        complaintsReceived: 0,
        complaintsOverdueNow: 0,
        complaintsByCode: [],
        praise: 0, // none recorded at SH
      },
      // BJ: A2 on time against its extended due date after 9 days; C1 overdue; P1 came back.
      {
        branchId: 'BJ',
        assigned: 2,
        confirmed: 1,
        confirmedOnTime: 1,
        onTimeRate: 1,
        overdueNow: 1,
        returned: 0,
        extensionsRequested: 1,
        medianDaysToConfirm: 9,
        recurrences: 1,
        complaintsReceived: 0,
        complaintsOverdueNow: 0,
        complaintsByCode: [],
        praise: 0,
      },
      // GZ: B2 late after 2.5 days.
      {
        branchId: 'GZ',
        assigned: 1,
        confirmed: 1,
        confirmedOnTime: 0,
        onTimeRate: 0,
        overdueNow: 0,
        returned: 0,
        extensionsRequested: 0,
        medianDaysToConfirm: 2.5,
        recurrences: 0,
        complaintsReceived: 0,
        complaintsOverdueNow: 0,
        complaintsByCode: [],
        praise: 1, // the praise recorded at GZ
      },
    ]);
  });

  it('the branch league table of a branch manager: their branch’s own and its sub-branch', async () => {
    const r = await bank.services.reports.vocReport(bank.as['bm.sh']!, MARCH);
    expect(
      r.league.map((l) => [l.branchId, l.assigned, l.confirmedOnTime, l.overdueNow, l.returned, l.medianDaysToConfirm, l.recurrences]),
    ).toEqual([
      [bank.branch['SH-PD'], 1, 1, 0, 1, 5, 1],
      [bank.branch.SH, 2, 1, 1, 0, 3, 0],
    ]);
  });

  it('stage cycle times: median and p90 per stage, for all and per category', async () => {
    const r = await bank.services.reports.vocReport(bank.as.coordinator!, MARCH);
    const all = r.cycleTimes.filter((c) => c.categoryId === null);
    expect(all.map((c) => [c.stage, c.month, c.problems, c.medianDays, c.p90Days])).toEqual([
      ['OPEN_TO_DIAGNOSIS', MARCH, 3, 1, 3], // P1 1, P2 0.5, P3 3
      ['DIAGNOSIS_TO_CONSULTATION', MARCH, 3, 1.5, 2], // 2, 1.5, 1
      ['CONSULTATION_TO_CONCLUSION', MARCH, 3, 3, 4], // 1, 4, 3
      ['CONCLUSION_TO_VERIFICATION', MARCH, 1, 3, 3], // P2 only: P1 was reopened
      ['VERIFICATION_TO_RESOLUTION', MARCH, 1, 1, 1],
    ]);
    const card = r.cycleTimes.find((c) => c.stage === 'OPEN_TO_DIAGNOSIS' && c.categoryId === bank.category.CREDIT_CARD);
    expect(card).toMatchObject({ problems: 2, medianDays: 2, p90Days: 3 });
    const bm = (await bank.services.reports.vocReport(bank.as['bm.sh']!, MARCH)).cycleTimes.find(
      (c) => c.stage === 'OPEN_TO_DIAGNOSIS' && c.categoryId === null,
    );
    expect(bm).toMatchObject({ problems: 2, medianDays: 0.75, p90Days: 1 }); // P1 and P2 concern SH; P3 does not
  });

  it('root causes, largest first, with shares', async () => {
    const r = await bank.services.reports.vocReport(bank.as.coordinator!, MARCH);
    expect(r.rootCauses).toEqual([
      {
        rootCause: 'IT_SYSTEM',
        count: 2,
        share: 2 / 3,
        cumulativeShare: 2 / 3,
        outcomes: [
          { outcome: 'FIX', count: 1 },
          { outcome: 'SYSTEM_CHANGE', count: 1 },
        ],
      },
      {
        rootCause: 'BUSINESS_PROCESS',
        count: 1,
        share: 1 / 3,
        cumulativeShare: 1,
        outcomes: [{ outcome: 'PRODUCT_INNOVATION', count: 1 }],
      },
    ]);
    expect(
      (await bank.services.reports.vocReport(bank.as['bm.sh']!, MARCH)).rootCauses.map((c) => [c.rootCause, c.count, c.share]),
    ).toEqual([['IT_SYSTEM', 2, 1]]);
  });

  it('the dashboard over the same range shows the same figures', async () => {
    const from = new Date(D0 - 9 * 3_600_000); // 2027-03-01 00:00 Beijing
    const to = new Date(Date.parse('2027-04-01T00:00:00+08:00'));
    const d = await bank.services.reports.dashboard(bank.as.coordinator!, { from, to });
    const r = await bank.services.reports.vocReport(bank.as.coordinator!, MARCH);
    expect(d.league).toEqual(r.league);
    expect(d.cycleTimes).toEqual(r.cycleTimes);
    expect(d.rootCauses).toEqual(r.rootCauses);
    expect(d.openActions).toBe(2); // A4, C1
    expect(d.overdueActions).toBe(2);
  });

  it('the rest of the month’s report, by hand', async () => {
    const r = await bank.services.reports.vocReport(bank.as.coordinator!, MARCH);
    expect([r.praise, r.problems, r.suggestions, r.complaints, r.total]).toEqual([1, 6, 1, 1, 8]);
    const code = (id: string) => Object.entries(bank.branch).find(([, v]) => v === id)?.[0];
    expect(r.byBranch.map((b) => [code(b.branchId), b.praise, b.problems, b.suggestions, b.complaints, b.total])).toEqual([
      ['SH', 0, 3, 1, 1, 4],
      ['BJ', 0, 2, 0, 0, 2],
      ['GZ', 1, 1, 0, 0, 2],
    ]);
    expect(r.newProblems.map((p) => p.title).sort()).toEqual(['P1 还款提醒', 'P2 手机银行', 'P3 分期', 'P4 重复']);
    expect(r.resolvedProblems.map((p) => p.title)).toEqual(['P2 手机银行']);
    expect(r.innovations.map((p) => p.title)).toEqual(['P3 分期']);
    // Due in March: A1, A2 (extended), A3, A4, B1, B2, C1. On time: A1, A2, A3, B1; late: B2; overdue: A4, C1.
    expect([r.actionsDue, r.actionsDoneOnTime, r.actionsDoneLate, r.actionsOverdue, r.actionsPending]).toEqual([7, 4, 1, 3, 0]);
    expect(r.kpis.contacts).toBe(0);
    expect(r.kpis.serviceLevel).toBeNull();
    expect(r.kpis.assessments.every((a) => a.meetsTarget === null)).toBe(true);
  });
});
