import { describe, it, expect } from 'vitest';
import {
  COMPLAINT_TRANSITIONS,
  complaintDeadline,
  complaintDueAt,
  daysLeft,
  extensionRefusal,
  isComplaintOpen,
  mayHandle,
  mayReview,
  nextComplaintStatus,
  recusalProblem,
  reviewWindowOpen,
  type ComplaintOperation,
  type ComplaintStatusCode,
} from '../../../server/src/complaint/complaint.rules.js';
import { COMPLAINT_STATUSES } from '../../../server/src/complaint/complaint.table.js';
import { parseDayList, type WorkingCalendar } from '../../../server/src/core/calendar.rules.js';
import { MAINLAND_HOLIDAYS, MAINLAND_MAKEUP_WORKDAYS } from '../../../server/src/core/mainland-holidays.js';

const days = (text: string): Set<string> => {
  const parsed = parseDayList(text);
  if (!parsed.ok) throw new Error(parsed.bad);
  return new Set(parsed.days);
};
const MAINLAND: WorkingCalendar = { holidays: days(MAINLAND_HOLIDAYS), makeUpWorkdays: days(MAINLAND_MAKEUP_WORKDAYS) };
const WEEKENDS_ONLY: WorkingCalendar = { holidays: new Set(), makeUpWorkdays: new Set() };

/** An instant in bank time (UTC+8). */
const cst = (local: string): number => Date.parse(`${local}+08:00`);
/** The last instant of a local day, as the rules return a due date. */
const endOf = (day: string): number => cst(`${day}T23:59:59.999`);

describe('complaint time limits (natural days from receipt; a last day off moves to the next working day)', () => {
  it.each([
    ['a Monday receipt, due a Tuesday', MAINLAND, '2026-03-02T10:00', 15, '2026-03-17'],
    ['the day of receipt is not counted, whatever the hour', MAINLAND, '2026-03-02T23:59', 15, '2026-03-17'],
    ['bank time decides the day: 01:00 CST is 17:00 UTC the day before', MAINLAND, '2026-03-02T01:00', 15, '2026-03-17'],
    ['a last day on a Saturday moves to Monday', MAINLAND, '2026-03-06T09:00', 15, '2026-03-23'],
    ['a last day in the National Day holiday moves past it', MAINLAND, '2026-09-16T09:00', 15, '2026-10-08'],
    ['a make-up working Saturday (调休) is a working last day', MAINLAND, '2026-09-25T09:00', 15, '2026-10-10'],
    ['the same Saturday without the make-up day moves to Monday', WEEKENDS_ONLY, '2026-09-25T09:00', 15, '2026-10-12'],
    ['first extension: 30 days', MAINLAND, '2026-03-02T10:00', 30, '2026-04-01'],
    ['second extension: 60 days, landing on Labour Day, moves to 6 May', MAINLAND, '2026-03-02T10:00', 60, '2026-05-06'],
    ['30 days landing on National Day', MAINLAND, '2026-09-01T10:00', 30, '2026-10-08'],
  ] as const)('%s', (_name, calendar, received, limit, due) => {
    expect(complaintDeadline(calendar, cst(received), limit)).toBe(endOf(due));
  });

  it('counts 15, 30 and 60 days by the number of extensions, and no third', () => {
    const received = cst('2026-03-02T10:00');
    expect(complaintDueAt(MAINLAND, received, 0)).toBe(endOf('2026-03-17'));
    expect(complaintDueAt(MAINLAND, received, 1)).toBe(endOf('2026-04-01'));
    expect(complaintDueAt(MAINLAND, received, 2)).toBe(endOf('2026-05-06'));
    expect(() => complaintDueAt(MAINLAND, received, 3)).toThrow();
  });

  it.each([
    ['the day before', '2026-03-16T08:00', 1],
    ['on the due day', '2026-03-17T23:00', 0],
    ['a day late', '2026-03-18T00:00', -1],
  ] as const)('days left %s', (_name, now, expected) => {
    expect(daysLeft(endOf('2026-03-17'), cst(now))).toBe(expected);
  });

  it('核实 may be asked for within 30 days of the decision', () => {
    const decided = cst('2026-03-02T10:00');
    expect(reviewWindowOpen(MAINLAND, decided, cst('2026-04-01T23:00'))).toBe(true);
    expect(reviewWindowOpen(MAINLAND, decided, cst('2026-04-02T00:00'))).toBe(false);
  });
});

const ALLOWED: Record<ComplaintOperation, Partial<Record<ComplaintStatusCode, ComplaintStatusCode>>> = {
  assign: { REGISTERED: 'HANDLING', HANDLING: 'HANDLING' },
  extend: { REGISTERED: 'REGISTERED', HANDLING: 'HANDLING' },
  decide: { HANDLING: 'DECIDED' },
  accept: { DECIDED: 'ACCEPTED' },
  requestReview: { DECIDED: 'REVIEW_REQUESTED' },
  completeReview: { REVIEW_REQUESTED: 'REVIEWED' },
  archive: { DECIDED: 'ARCHIVED', ACCEPTED: 'ARCHIVED', REVIEWED: 'ARCHIVED' },
  withdraw: { REGISTERED: 'WITHDRAWN', HANDLING: 'WITHDRAWN', DECIDED: 'WITHDRAWN', REVIEW_REQUESTED: 'WITHDRAWN' },
  // A dissatisfied callback (回访) reopens a decided or concluded case.
  reopen: { DECIDED: 'HANDLING', ACCEPTED: 'HANDLING', REVIEWED: 'HANDLING', ARCHIVED: 'HANDLING' },
};

describe('complaint state machine', () => {
  const operations = Object.keys(COMPLAINT_TRANSITIONS) as ComplaintOperation[];
  it('covers every operation', () => expect(new Set(operations)).toEqual(new Set(Object.keys(ALLOWED))));

  it.each(operations.flatMap((op) => COMPLAINT_STATUSES.map((from) => [op, from, ALLOWED[op][from]] as const)))(
    '%s from %s → %s',
    (op, from, expected) => {
      const result = nextComplaintStatus(from, op);
      if (expected === undefined) expect(result).toEqual({ ok: false });
      else expect(result).toEqual({ ok: true, to: expected });
    },
  );

  it.each(COMPLAINT_STATUSES.map((s) => [s, ['REGISTERED', 'HANDLING', 'DECIDED', 'REVIEW_REQUESTED'].includes(s)] as const))(
    '%s open: %s',
    (status, open) => expect(isComplaintOpen(status)).toBe(open),
  );
});

describe('who may extend', () => {
  it.each([
    [0, 'BRANCH_MANAGER', false, 'ok', undefined],
    [0, 'COORDINATOR', true, 'ok', undefined],
    [0, 'BRANCH_MANAGER', false, '  ', 'BAD_USER_INPUT'],
    [1, 'BRANCH_MANAGER', false, 'ok', 'FORBIDDEN'],
    [1, 'ADMIN', false, 'ok', 'FORBIDDEN'],
    [1, 'ADMIN', true, 'ok', undefined],
    [1, 'COORDINATOR', true, 'ok', undefined],
    [2, 'COORDINATOR', true, 'ok', 'INVALID_TRANSITION'],
  ] as const)('extension %i by %s (head office: %s), reason %j → %s', (extensions, role, atHeadOffice, reason, code) => {
    expect(extensionRefusal(extensions, { role, atHeadOffice }, reason)?.code).toBe(code);
  });
});

describe('回避 and the rights on a case', () => {
  const subject = { subjectStaffId: 'usr_staff', subjectDepartmentId: 'dep_cards' };
  it.each([
    ['the staff member complained about', { id: 'usr_staff', departmentId: null }, true],
    ['a member of the department complained about', { id: 'usr_other', departmentId: 'dep_cards' }, true],
    ['someone else', { id: 'usr_other', departmentId: 'dep_loans' }, false],
    ['someone of no department', { id: 'usr_other', departmentId: null }, false],
  ] as const)('%s → refused: %s', (_name, person, refused) => {
    expect(recusalProblem(person, subject) !== undefined).toBe(refused);
  });
  it('a case complained about no one in particular refuses no one', () =>
    expect(recusalProblem({ id: 'usr_staff', departmentId: 'dep_cards' }, { subjectStaffId: null, subjectDepartmentId: null })).toBe(
      undefined,
    ));

  const scope = new Set(['br_branch', 'br_sub']);
  it.each([
    ['COORDINATOR', null, 'br_any', true],
    ['BRANCH_MANAGER', scope, 'br_sub', true],
    ['BRANCH_MANAGER', scope, 'br_elsewhere', false],
    ['ANALYST', null, 'br_sub', false],
  ] as const)('%s handles a case of %s: %s', (role, s, branch, expected) => {
    expect(mayHandle({ role, scope: s }, branch)).toBe(expected);
  });
  it.each([
    ['COORDINATOR', null, null, true],
    ['BRANCH_MANAGER', new Set(['br_sub']), 'br_branch', false],
    ['BRANCH_MANAGER', scope, 'br_branch', true],
    ['BRANCH_MANAGER', scope, null, false],
  ] as const)('%s reviews (the parent being %s): %s', (role, s, parent, expected) => {
    expect(mayReview({ role, scope: s }, parent)).toBe(expected);
  });
});
