import { describe, it, expect } from 'vitest';
import {
  nextProblemStatus,
  PROBLEM_TRANSITIONS,
  concludeConsultationProblem,
  shouldStartVerification,
  canResolve,
  mergeDuplicateProblem,
  declaredBranches,
  type ProblemOperation,
  type ProblemStatusCode,
} from '../../../server/src/loop/problem.rules.js';
import { PROBLEM_STATUSES } from '../../../server/src/loop/problem.table.js';

// The loop as the contract states it: every (state, operation) pair not listed is refused.
const ALLOWED: Record<ProblemOperation, Partial<Record<ProblemStatusCode, ProblemStatusCode>>> = {
  attachFeedback: {
    OPEN: 'OPEN',
    DIAGNOSED: 'DIAGNOSED',
    IN_CONSULTATION: 'IN_CONSULTATION',
    REMEDIATING: 'REMEDIATING',
    VERIFYING: 'VERIFYING',
  },
  submitDiagnosis: { OPEN: 'DIAGNOSED' },
  openConsultation: { DIAGNOSED: 'IN_CONSULTATION' },
  submitOpinion: { IN_CONSULTATION: 'IN_CONSULTATION' },
  concludeConsultation: { IN_CONSULTATION: 'REMEDIATING' },
  addAction: { REMEDIATING: 'REMEDIATING' },
  startVerification: { REMEDIATING: 'VERIFYING' },
  resolve: { VERIFYING: 'RESOLVED' },
  reopen: { VERIFYING: 'REMEDIATING', RESOLVED: 'REMEDIATING' },
  merge: { OPEN: 'MERGED', DIAGNOSED: 'MERGED', IN_CONSULTATION: 'MERGED' },
  dismiss: { OPEN: 'DISMISSED', DIAGNOSED: 'DISMISSED', IN_CONSULTATION: 'DISMISSED' },
  mergeInto: {
    OPEN: 'OPEN',
    DIAGNOSED: 'DIAGNOSED',
    IN_CONSULTATION: 'IN_CONSULTATION',
    REMEDIATING: 'REMEDIATING',
    VERIFYING: 'VERIFYING',
  },
  // Corrections (issue 18).
  correct: {
    OPEN: 'OPEN',
    DIAGNOSED: 'DIAGNOSED',
    IN_CONSULTATION: 'IN_CONSULTATION',
    REMEDIATING: 'REMEDIATING',
    VERIFYING: 'VERIFYING',
  },
  reviseDiagnosis: { DIAGNOSED: 'DIAGNOSED' },
  detachFeedback: {
    OPEN: 'OPEN',
    DIAGNOSED: 'DIAGNOSED',
    IN_CONSULTATION: 'IN_CONSULTATION',
    REMEDIATING: 'REMEDIATING',
    VERIFYING: 'VERIFYING',
  },
  mergeDuplicate: { OPEN: 'MERGED', DIAGNOSED: 'MERGED', IN_CONSULTATION: 'MERGED', REMEDIATING: 'MERGED', VERIFYING: 'MERGED' },
  changeExperts: { IN_CONSULTATION: 'IN_CONSULTATION' },
  declineInvitation: { IN_CONSULTATION: 'IN_CONSULTATION' },
};

describe('problem state machine', () => {
  const operations = Object.keys(PROBLEM_TRANSITIONS) as ProblemOperation[];
  const cases = operations.flatMap((op) => PROBLEM_STATUSES.map((from) => [op, from, ALLOWED[op][from]] as const));

  it('covers every operation of the table', () => {
    expect(new Set(operations)).toEqual(new Set(Object.keys(ALLOWED)));
  });

  it.each(cases)('%s from %s → %s', (op, from, expected) => {
    const result = nextProblemStatus(from, op);
    if (expected === undefined) expect(result).toEqual({ ok: false });
    else expect(result).toEqual({ ok: true, to: expected });
  });

  it('terminal states accept nothing but reopen from RESOLVED', () => {
    for (const op of operations) {
      expect(nextProblemStatus('MERGED', op).ok).toBe(false);
      expect(nextProblemStatus('DISMISSED', op).ok).toBe(false);
      expect(nextProblemStatus('RESOLVED', op).ok).toBe(op === 'reopen');
    }
  });
});

describe('loop guards', () => {
  it.each([
    [0, 0, 'opinion'],
    [0, 3, 'opinion'],
    [1, 0, 'action'],
    [2, 1, undefined],
  ])('concludeConsultation with %i opinions and %i actions', (opinions, actionsCount, missing) => {
    const result = concludeConsultationProblem(opinions, actionsCount);
    if (missing) expect(result).toMatch(missing);
    else expect(result).toBeUndefined();
  });

  it.each([
    ['REMEDIATING', ['CONFIRMED', 'CONFIRMED'], true],
    ['REMEDIATING', ['CONFIRMED', 'SUBMITTED'], false],
    ['REMEDIATING', [], false],
    ['VERIFYING', ['CONFIRMED'], false],
    ['IN_CONSULTATION', ['CONFIRMED'], false],
    // A cancelled row no longer holds the problem back, but a table of cancelled rows fixed nothing.
    ['REMEDIATING', ['CONFIRMED', 'CANCELLED'], true],
    ['REMEDIATING', ['CANCELLED', 'CANCELLED'], false],
    ['REMEDIATING', ['CONFIRMED', 'DECLINED'], false],
  ] as const)('verification starts from %s with %j: %s', (status, statuses, expected) => {
    expect(shouldStartVerification(status, statuses)).toBe(expected);
  });

  it.each([
    [['CONFIRMED'], true],
    [['CONFIRMED', 'RETURNED'], false],
    [['ASSIGNED'], false],
    [['CONFIRMED', 'CANCELLED'], true],
    [['CONFIRMED', 'DECLINED'], false],
  ] as const)('resolve with actions %j: %s', (statuses, expected) => {
    expect(canResolve(statuses)).toBe(expected);
  });

  it.each([
    ['OPEN', [], true],
    ['VERIFYING', [], true],
    ['REMEDIATING', ['IN_PROGRESS', 'CONFIRMED'], true],
    ['VERIFYING', ['CONFIRMED', 'CANCELLED'], true],
    ['VERIFYING', ['IN_PROGRESS'], false],
    ['OPEN', ['CONFIRMED'], false],
    ['IN_CONSULTATION', ['ASSIGNED'], false],
  ] as const)('a duplicate merges into a %s target carrying actions %j: %s', (target, carried, ok) => {
    expect(mergeDuplicateProblem(target, carried) === undefined).toBe(ok);
  });

  it.each([
    [['SH', 'BJ', 'GZ'], ['SH', 'BJ'], { ok: true, declared: ['GZ'] }],
    [['SH', 'BJ'], ['SH', 'BJ'], { ok: true, declared: [] }],
    [['GZ'], ['SH'], { ok: false, missing: 'SH' }],
  ] as const)('branches %j with feedback or actions in %j: %j', (asked, factual, expected) => {
    expect(declaredBranches(asked, new Set(factual))).toEqual(expected);
  });
});
