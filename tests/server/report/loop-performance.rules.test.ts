import { describe, it, expect } from 'vitest';
import {
  leagueTable,
  cycleTimes,
  rootCausePareto,
  type ActionFact,
  type ProblemTimes,
} from '../../../server/src/report/loop-performance.rules.js';
import { ROOT_CAUSES, OUTCOMES } from '../../../server/src/loop/problem.table.js';

const D = 86_400_000;
const day = (n: number) => Date.UTC(2026, 9, 1) + n * D; // day 0 = 2026-10-01T00:00Z (08:00 in Beijing)

// Two JR/T 0169 codes: counter × bank cards × service attitude; online banking × payment × systems.
const CARD_FEE = {
  channelCode: 'A0101',
  channelName: '营业现场',
  businessCode: 'B03',
  businessName: '银行卡',
  causeCode: 'C01',
  causeName: '服务态度及服务质量',
};
const APP_DOWN = {
  channelCode: 'A010301',
  channelName: '网上银行',
  businessCode: 'B04',
  businessName: '支付结算',
  causeCode: 'C02',
  causeName: '服务设施、设备、业务系统',
};

describe('leagueTable', () => {
  // Branch A (with its sub-branch A1) and branch B; period = days [10, 20).
  const units = [
    { branchId: 'A', members: new Set(['A', 'A1']) },
    { branchId: 'B', members: new Set(['B']) },
  ];
  const act = (
    id: string,
    branchId: string | null,
    problemId: string,
    createdAt: number,
    dueAt: number,
    confirmedAt: number | null,
  ): ActionFact => ({
    id,
    problemId,
    branchId,
    createdAt: day(createdAt),
    dueAt: day(dueAt),
    confirmedAt: confirmedAt === null ? null : day(confirmedAt),
  });
  const actions = [
    act('a1', 'A', 'p1', 10, 15, 14), // assigned in period, confirmed on time after 4 days
    act('a2', 'A1', 'p1', 11, 13, 17), // confirmed late after 6 days
    act('a3', 'A1', 'p2', 5, 8, null), // assigned before the period, overdue now
    act('a4', 'A', 'p3', 12, 30, 19), // on time after 7 days
    act('a5', 'B', 'p2', 12, 25, null), // open, not yet due
    act('a6', 'B', 'p4', 2, 6, 9), // confirmed before the period
    act('d1', null, 'p1', 10, 12, null), // a department's: nobody's row
  ];
  const rows = leagueTable({
    units,
    actions,
    returns: [
      { actionId: 'a2', at: day(15) },
      { actionId: 'a2', at: day(16) }, // twice: one action returned
      { actionId: 'a6', at: day(8) }, // before the period
    ],
    extensions: [
      { actionId: 'a3', at: day(11) },
      { actionId: 'a5', at: day(13) },
      { actionId: 'a5', at: day(25) }, // after the period
    ],
    reopens: [
      { problemId: 'p1', at: day(18) }, // A's a1 confirmed day 14 ≤ 18 (a2 day 17 also): counts once for A
      { problemId: 'p4', at: day(12) }, // B's a6 confirmed day 9: counts for B
      { problemId: 'p3', at: day(18) }, // a4 confirmed only on day 19: not yet a recurrence
      { problemId: 'p4', at: day(22) }, // after the period
    ],
    complaints: [
      { branchId: 'A', receivedAt: day(10), runningDueAt: day(25), code: CARD_FEE }, // received in the period, not yet due
      { branchId: 'A1', receivedAt: day(12), runningDueAt: day(20), code: APP_DOWN }, // in the period, overdue now
      { branchId: 'A1', receivedAt: day(3), runningDueAt: day(18), code: APP_DOWN }, // before the period, overdue now
      { branchId: 'A', receivedAt: day(11), runningDueAt: null, code: CARD_FEE }, // in the period, decided: owes nothing
      { branchId: 'B', receivedAt: day(20), runningDueAt: day(35), code: CARD_FEE }, // after the period (it ends before day 20)
    ],
    praise: [
      { branchId: 'A', day: day(10), items: 2 }, // the period's first day
      { branchId: 'A1', day: day(15), items: 1 }, // A's subtree
      { branchId: 'A1', day: day(21), items: 5 }, // after the period
      { branchId: 'B', day: day(9), items: 3 }, // before the period
      { branchId: 'B', day: day(20), items: 1 }, // the period ends before day 20
    ],
    period: { from: day(10), to: day(20) },
    now: day(21),
  });

  it('counts each branch over its subtree, by hand', () => {
    expect(rows).toEqual([
      {
        branchId: 'A',
        assigned: 3, // a1, a2, a4 (a3 was assigned on day 5)
        confirmed: 3, // a1 (14), a2 (17), a4 (19)
        confirmedOnTime: 2, // a1, a4
        onTimeRate: 2 / 3,
        overdueNow: 1, // a3
        returned: 1, // a2
        extensionsRequested: 1, // a3
        medianDaysToConfirm: 6, // 4, 6, 7
        recurrences: 1, // p1
        complaintsReceived: 3, // received days 10, 12, 11
        complaintsOverdueNow: 2, // due days 20 and 18
        complaintsByCode: [
          { ...CARD_FEE, count: 2 }, // days 10 and 11 (A0101 sorts before A010301)
          { ...APP_DOWN, count: 1 }, // day 12 (day 3 is before the period)
        ],
        praise: 3, // days 10 (2) and 15 (1)
      },
      {
        branchId: 'B',
        assigned: 1, // a5
        confirmed: 0,
        confirmedOnTime: 0,
        onTimeRate: null,
        overdueNow: 0, // a5 is due on day 25
        returned: 0,
        extensionsRequested: 1,
        medianDaysToConfirm: null,
        recurrences: 1, // p4 on day 12
        complaintsReceived: 0,
        complaintsOverdueNow: 0,
        complaintsByCode: [],
        praise: 0, // day 9 is before the period, day 20 after it
      },
    ]);
  });

  it('ranks by on-time share, then fewest overdue, then most assigned', () => {
    const rank = leagueTable({
      units: [
        { branchId: 'X', members: new Set(['X']) },
        { branchId: 'Y', members: new Set(['Y']) },
        { branchId: 'Z', members: new Set(['Z']) },
      ],
      actions: [act('x', 'X', 'p', 1, 5, 6), act('y', 'Y', 'p', 1, 5, 4), act('z1', 'Z', 'p', 1, 5, 4), act('z2', 'Z', 'p', 1, 2, null)],
      returns: [],
      extensions: [],
      reopens: [],
      period: { from: null, to: null },
      now: day(10),
    });
    expect(rank.map((r) => [r.branchId, r.onTimeRate, r.overdueNow])).toEqual([
      ['Y', 1, 0],
      ['Z', 1, 1],
      ['X', 0, 0],
    ]);
  });
});

describe('cycleTimes', () => {
  const p = (categoryId: string, t: (number | null)[]): ProblemTimes => {
    const [createdAt, diagnosedAt, consultationAt, remediatingAt, verifyingAt, resolvedAt] = t.map((x) => (x === null ? null : day(x)));
    return {
      categoryId,
      createdAt: createdAt!,
      diagnosedAt: diagnosedAt!,
      consultationAt: consultationAt!,
      remediatingAt: remediatingAt!,
      verifyingAt: verifyingAt!,
      resolvedAt: resolvedAt!,
    };
  };
  // Days from 2026-10-01 (all before 16:00 UTC, so the Beijing month is the UTC one until day 31).
  const problems = [
    p('CARD', [0, 1, 3, 10, 20, 21]),
    p('CARD', [0, 3, 4, 6, null, null]),
    p('LOAN', [2, 4, null, null, null, null]),
    p('LOAN', [5, 6.5, 10, 36, null, null]), // concluded in November
  ];

  it('gives median and p90 per stage and month, for all and per category', () => {
    const rows = cycleTimes(problems, { from: day(0), to: day(31) });
    const get = (stage: string, cat: string | null) => rows.find((r) => r.stage === stage && r.categoryId === cat && r.month === '2026-10');
    // Opening → diagnosis: 1, 3, 2, 1.5 days → median 1.75, p90 (nearest rank of 4: the 4th) 3.
    expect(get('OPEN_TO_DIAGNOSIS', null)).toMatchObject({ problems: 4, medianDays: 1.75, p90Days: 3 });
    expect(get('OPEN_TO_DIAGNOSIS', 'CARD')).toMatchObject({ problems: 2, medianDays: 2, p90Days: 3 });
    expect(get('OPEN_TO_DIAGNOSIS', 'LOAN')).toMatchObject({ problems: 2, medianDays: 1.75, p90Days: 2 });
    // Diagnosis → consultation: 2, 1, 3.5 → median 2, p90 3.5.
    expect(get('DIAGNOSIS_TO_CONSULTATION', null)).toMatchObject({ problems: 3, medianDays: 2, p90Days: 3.5 });
    // Consultation → conclusion ended in October: 7 and 2 days; the LOAN one ended in November.
    expect(get('CONSULTATION_TO_CONCLUSION', null)).toMatchObject({ problems: 2, medianDays: 4.5, p90Days: 7 });
    expect(get('CONCLUSION_TO_VERIFICATION', null)).toMatchObject({ problems: 1, medianDays: 10, p90Days: 10 });
    expect(get('VERIFICATION_TO_RESOLUTION', 'CARD')).toMatchObject({ problems: 1, medianDays: 1, p90Days: 1 });
    expect(rows.some((r) => r.month === '2026-11')).toBe(false);
  });

  it('groups by the month the stage ended and keeps the period', () => {
    const rows = cycleTimes(problems, { from: null, to: null });
    expect(rows.filter((r) => r.month === '2026-11')).toEqual([
      { stage: 'CONSULTATION_TO_CONCLUSION', month: '2026-11', categoryId: null, problems: 1, medianDays: 26, p90Days: 26 },
      { stage: 'CONSULTATION_TO_CONCLUSION', month: '2026-11', categoryId: 'LOAN', problems: 1, medianDays: 26, p90Days: 26 },
    ]);
    expect(rows[0]).toMatchObject({ stage: 'OPEN_TO_DIAGNOSIS', month: '2026-10', categoryId: null });
  });
});

describe('rootCausePareto', () => {
  it('orders causes largest first with shares, the running share and outcomes', () => {
    const c = (rootCause: (typeof ROOT_CAUSES)[number], outcome: (typeof OUTCOMES)[number]) => ({ rootCause, outcome });
    const rows = rootCausePareto(
      [
        c('IT_SYSTEM', 'SYSTEM_CHANGE'),
        c('BUSINESS_PROCESS', 'PROCESS_CHANGE'),
        c('IT_SYSTEM', 'FIX'),
        c('PRODUCT_DESIGN', 'PRODUCT_INNOVATION'),
        c('IT_SYSTEM', 'SYSTEM_CHANGE'),
        c('BUSINESS_PROCESS', 'TRAINING'),
        c('STAFF_SERVICE', 'TRAINING'),
        c('IT_SYSTEM', 'SYSTEM_CHANGE'),
      ],
      ROOT_CAUSES,
      OUTCOMES,
    );
    expect(rows).toEqual([
      {
        rootCause: 'IT_SYSTEM',
        count: 4,
        share: 0.5,
        cumulativeShare: 0.5,
        outcomes: [
          { outcome: 'SYSTEM_CHANGE', count: 3 },
          { outcome: 'FIX', count: 1 },
        ],
      },
      {
        rootCause: 'BUSINESS_PROCESS',
        count: 2,
        share: 0.25,
        cumulativeShare: 0.75,
        outcomes: [
          { outcome: 'PROCESS_CHANGE', count: 1 },
          { outcome: 'TRAINING', count: 1 },
        ],
      },
      // Ties in the enum's order: PRODUCT_DESIGN comes before STAFF_SERVICE.
      {
        rootCause: 'PRODUCT_DESIGN',
        count: 1,
        share: 0.125,
        cumulativeShare: 0.875,
        outcomes: [{ outcome: 'PRODUCT_INNOVATION', count: 1 }],
      },
      { rootCause: 'STAFF_SERVICE', count: 1, share: 0.125, cumulativeShare: 1, outcomes: [{ outcome: 'TRAINING', count: 1 }] },
    ]);
    expect(rootCausePareto([], ROOT_CAUSES, OUTCOMES)).toEqual([]);
  });
});
