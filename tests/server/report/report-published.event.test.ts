import { describe, it, expect } from 'vitest';
import { eventVisible } from '../../../server/src/event/event.rules.js';

/** Which events a branch manager of SH (SH, SH-PD) sees; problem P-SH concerns SH, P-BJ does not. */
const scope = new Set(['SH', 'SH-PD']);
const inScope = (problemId: string) => problemId === 'P-SH';
const ev = (e: Partial<{ actionId: string; feedbackId: string; branchId: string; problemId: string }>) => ({
  actionId: null,
  feedbackId: null,
  branchId: null,
  problemId: null,
  ...e,
});

describe('eventVisible', () => {
  it.each([
    ['feedback at their sub-branch', ev({ feedbackId: 'f', branchId: 'SH-PD' }), true],
    ['feedback elsewhere', ev({ feedbackId: 'f', branchId: 'BJ' }), false],
    ['an action of their branch on any problem', ev({ actionId: 'a', branchId: 'SH', problemId: 'P-BJ' }), true],
    ['an action of another branch on their problem', ev({ actionId: 'a', branchId: 'BJ', problemId: 'P-SH' }), false],
    ['a department’s action', ev({ actionId: 'a', problemId: 'P-SH' }), false],
    ['a problem-wide step of a problem that concerns them', ev({ problemId: 'P-SH' }), true],
    ['a problem-wide step of a problem that does not', ev({ problemId: 'P-BJ' }), false],
    ['a published report: a notice to the whole bank (REPORT_PUBLISHED)', ev({}), true],
    ['a notice to their branch', ev({ branchId: 'SH' }), true],
    ['a notice to another branch', ev({ branchId: 'BJ' }), false],
  ])('%s → %s', (_name, event, visible) => {
    expect(eventVisible(scope, event, inScope)).toBe(visible);
  });

  it('shows everything to readers without a branch scope', () => {
    for (const e of [ev({}), ev({ feedbackId: 'f', branchId: 'BJ' }), ev({ problemId: 'P-BJ' })])
      expect(eventVisible(null, e, inScope)).toBe(true);
  });
});
