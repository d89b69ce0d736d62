import { describe, it, expect } from 'vitest';
import {
  nextActionStatus,
  ACTION_TRANSITIONS,
  isOverdue,
  extensionRequestProblem,
  reassignProblem,
  newDueDateProblem,
  type ActionOperation,
  type ActionStatusCode,
} from '../../../server/src/loop/action.rules.js';
import { ACTION_STATUSES } from '../../../server/src/loop/action.table.js';

const ALLOWED: Record<ActionOperation, Partial<Record<ActionStatusCode, ActionStatusCode>>> = {
  accept: { ASSIGNED: 'ACCEPTED' },
  reportProgress: { ACCEPTED: 'IN_PROGRESS', IN_PROGRESS: 'IN_PROGRESS', RETURNED: 'IN_PROGRESS' },
  submit: { IN_PROGRESS: 'SUBMITTED' },
  confirm: { SUBMITTED: 'CONFIRMED' },
  return: { SUBMITTED: 'RETURNED' },
  requestExtension: { ASSIGNED: 'ASSIGNED', ACCEPTED: 'ACCEPTED', IN_PROGRESS: 'IN_PROGRESS', RETURNED: 'RETURNED' },
  // Corrections (issue 18).
  decline: { ASSIGNED: 'DECLINED', ACCEPTED: 'DECLINED', IN_PROGRESS: 'DECLINED', RETURNED: 'DECLINED' },
  cancel: {
    ASSIGNED: 'CANCELLED',
    ACCEPTED: 'CANCELLED',
    IN_PROGRESS: 'CANCELLED',
    SUBMITTED: 'CANCELLED',
    RETURNED: 'CANCELLED',
    DECLINED: 'CANCELLED',
  },
  reassign: { ASSIGNED: 'ASSIGNED', ACCEPTED: 'ASSIGNED', IN_PROGRESS: 'ASSIGNED', RETURNED: 'ASSIGNED', DECLINED: 'ASSIGNED' },
  changeDueDate: {
    ASSIGNED: 'ASSIGNED',
    ACCEPTED: 'ACCEPTED',
    IN_PROGRESS: 'IN_PROGRESS',
    SUBMITTED: 'SUBMITTED',
    RETURNED: 'RETURNED',
    DECLINED: 'DECLINED',
  },
};

describe('action state machine', () => {
  const operations = Object.keys(ACTION_TRANSITIONS) as ActionOperation[];
  it('covers every operation', () => expect(new Set(operations)).toEqual(new Set(Object.keys(ALLOWED))));

  it.each(operations.flatMap((op) => ACTION_STATUSES.map((from) => [op, from, ALLOWED[op][from]] as const)))(
    '%s from %s → %s',
    (op, from, expected) => {
      const result = nextActionStatus(from, op);
      if (expected === undefined) expect(result).toEqual({ ok: false });
      else expect(result).toEqual({ ok: true, to: expected });
    },
  );
});

describe('overdue is derived', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it.each([
    ['IN_PROGRESS', '2026-11-28T11:59:59Z', true],
    ['IN_PROGRESS', '2026-11-28T12:00:01Z', false],
    ['CONFIRMED', '2026-01-01T00:00:00Z', false],
    ['SUBMITTED', '2026-01-01T00:00:00Z', true],
    ['RETURNED', '2026-11-28T12:00:00Z', false],
    ['CANCELLED', '2026-01-01T00:00:00Z', false],
    ['DECLINED', '2026-01-01T00:00:00Z', true],
  ] as const)('%s due %s: %s', (status, due, expected) => {
    expect(isOverdue({ status, dueAt: new Date(due) }, now)).toBe(expected);
  });
});

describe('extension requests', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  const due = new Date('2026-12-01T00:00:00Z');
  it.each([
    [true, '2026-12-10T00:00:00Z', 'INVALID_TRANSITION'],
    [false, '2026-11-30T00:00:00Z', 'BAD_USER_INPUT'],
    [false, '2026-12-01T00:00:00Z', 'BAD_USER_INPUT'],
    [false, '2026-12-10T00:00:00Z', undefined],
  ] as const)('pending %s, asking %s → %s', (pending, asked, code) => {
    expect(extensionRequestProblem(pending, due, new Date(asked), now)?.code).toBe(code);
  });
  it('refuses a date in the past even when later than an overdue due date', () => {
    expect(extensionRequestProblem(false, new Date('2026-11-01T00:00:00Z'), new Date('2026-11-20T00:00:00Z'), now)?.code).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('corrections', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  const due = new Date('2026-12-01T00:00:00Z');
  it.each([
    [{ branchId: 'SH', departmentId: null }, { branchId: 'BJ', departmentId: null }, true],
    [{ branchId: 'SH', departmentId: null }, { branchId: null, departmentId: 'CARD' }, true],
    [{ branchId: 'SH', departmentId: null }, { branchId: 'SH', departmentId: null }, false],
    [{ branchId: null, departmentId: 'IT' }, { branchId: null, departmentId: 'IT' }, false],
  ] as const)('reassigning %j to %j: %s', (from, to, ok) => {
    expect(reassignProblem(from, to) === undefined).toBe(ok);
  });
  it.each([
    ['2026-12-05T00:00:00Z', true],
    ['2026-11-29T00:00:00Z', true],
    ['2026-12-01T00:00:00Z', false],
    ['2026-11-28T11:00:00Z', false],
  ] as const)('re-dating to %s: %s', (to, ok) => {
    expect(newDueDateProblem(due, new Date(to), now) === undefined).toBe(ok);
  });
});
