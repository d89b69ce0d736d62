import { describe, expect, it } from 'vitest';
import { describeError } from '../../web/src/lib/errors.js';
import { makeTranslate } from '../../web/src/lib/translate.js';
import { COMPLAINT_EVENTS, matchesLive } from '../../web/src/lib/live-rules.js';
import {
  allowedSteps,
  daysLeftTone,
  mustRecuse,
  type StepCase,
  type StepViewer,
} from '../../web/src/features/complaints/complaint-rules.js';
import { COMPLAINT_TRANSITIONS, extensionRefusal, recusalProblem } from '../../server/src/complaint/complaint.rules.js';
import { COMPLAINT_STATUSES } from '../../server/src/complaint/complaint.table.js';

const t = makeTranslate('zh');
const gql = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  graphQLErrors: [{ message, extensions: { code, ...extra } }],
});

describe('complaint refusals in plain words (the server’s own wording, from its rules)', () => {
  const staff = recusalProblem({ id: 'u1', departmentId: null }, { subjectStaffId: 'u1', subjectDepartmentId: null })!;
  const dept = recusalProblem({ id: 'u2', departmentId: 'd1' }, { subjectStaffId: null, subjectDepartmentId: 'd1' })!;

  it('回避 on the handler field: said next to it', () => {
    const e = describeError(gql('BAD_USER_INPUT', staff, { field: 'input.handlerId' }), t);
    expect(e.field).toEqual(['handlerId']);
    expect(e.fieldMessage).toBe('回避：被投诉人员不得处理本投诉，请另选处理人');
    expect(describeError(gql('BAD_USER_INPUT', dept, { field: 'input.handlerId' }), t).fieldMessage).toContain('被投诉部室');
  });

  it('回避 of the viewer, the second extension without head office, both extensions used: each its own words', () => {
    expect(describeError(gql('FORBIDDEN', staff), t).message).toContain('您是被投诉人员');
    expect(describeError(gql('FORBIDDEN', dept), t).message).toContain('您所在部室被投诉');
    const second = extensionRefusal(1, { role: 'BRANCH_MANAGER', atHeadOffice: false }, 'complex')!;
    expect(second.code).toBe('FORBIDDEN');
    expect(describeError(gql(second.code, second.message), t).message).toContain('须总行审批');
    const third = extensionRefusal(2, { role: 'COORDINATOR', atHeadOffice: true }, 'complex')!;
    expect(describeError(gql(third.code, third.message), t).message).toContain('已延期两次');
    // Any other refusal keeps the generic words.
    expect(describeError(gql('FORBIDDEN', 'Your role (EXPERT) may not handle.'), t).message).toBe(t('error.FORBIDDEN'));
  });
});

describe('the steps a viewer is offered on a case', () => {
  const bm: StepViewer = { id: 'bm', role: 'BRANCH_MANAGER', branch: { id: 'SH', level: 'BRANCH' } };
  const coordinator: StepViewer = { id: 'co', role: 'COORDINATOR', branch: { id: 'HO', level: 'HEAD_OFFICE' } };
  const hoAdmin: StepViewer = { id: 'ad', role: 'ADMIN', branch: { id: 'HO', level: 'HEAD_OFFICE' } };
  const agent: StepViewer = { id: 'ag', role: 'AGENT', branch: { id: 'HO', level: 'HEAD_OFFICE' } };
  const expert: StepViewer = { id: 'ex', role: 'EXPERT', department: { id: 'CARD' } };
  const at = (status: StepCase['status'], more: Partial<StepCase> = {}): StepCase => ({
    status,
    extensions: 0,
    handler: null,
    branch: { id: 'SH' },
    ...more,
  });

  it.each([
    ['bm', bm, at('REGISTERED'), ['assign', 'extend', 'withdraw']],
    ['bm', bm, at('HANDLING', { handler: { id: 'bm' } }), ['assign', 'extend', 'decide', 'withdraw']],
    ['bm', bm, at('HANDLING', { handler: { id: 'bm' }, extensions: 1 }), ['assign', 'decide', 'withdraw']],
    [
      'coordinator',
      coordinator,
      at('HANDLING', { handler: { id: 'bm' }, extensions: 1 }),
      ['assign', 'extend', 'decide', 'withdraw', 'link'],
    ],
    ['head-office admin', hoAdmin, at('HANDLING', { extensions: 1 }), ['extend']],
    ['bm', bm, at('DECIDED'), ['accept', 'requestReview', 'withdraw', 'archive']],
    ['agent', agent, at('DECIDED'), ['requestReview', 'withdraw']],
    ['bm of the case’s own branch', bm, at('REVIEW_REQUESTED'), ['withdraw']],
    ['bm of the branch above', bm, at('REVIEW_REQUESTED', { branch: { id: 'SH-PD' } }), ['completeReview', 'withdraw']],
    ['coordinator', coordinator, at('REVIEWED'), ['archive', 'link']],
    ['expert', expert, at('HANDLING', { handler: { id: 'bm' } }), []],
    ['bm', bm, at('WITHDRAWN'), []],
  ] as const)('%s on %j: %j', (_who, viewer, c, steps) => {
    expect(allowedSteps(viewer, c)).toEqual(steps);
  });

  it('回避: the person or department complained about is offered neither assigning, deciding nor 核实', () => {
    const subject = at('HANDLING', { handler: { id: 'x' }, subjectStaff: { id: 'bm' } });
    expect(mustRecuse(bm, subject)).toBe(true);
    expect(allowedSteps(bm, subject)).toEqual(['extend', 'withdraw']);
    const ofDept = at('REVIEW_REQUESTED', { subjectDepartment: { id: 'CARD' } });
    expect(mustRecuse({ ...coordinator, department: { id: 'CARD' } }, ofDept)).toBe(true);
    expect(allowedSteps({ ...coordinator, department: { id: 'CARD' } }, ofDept)).toEqual(['withdraw', 'link']);
  });

  it('offers a state change only from the states the server allows it from', () => {
    for (const status of COMPLAINT_STATUSES)
      for (const step of allowedSteps(coordinator, at(status, { handler: { id: 'bm' } })))
        if (step !== 'link') expect(COMPLAINT_TRANSITIONS[step].from, `${step} from ${status}`).toContain(status);
  });

  it('colours the days left: red once overdue, amber in the last three days', () => {
    expect([-1, 0, 3, 4].map(daysLeftTone)).toEqual(['alarm', 'amber', 'amber', 'blue']);
  });

  it('refetches complaint pages on every COMPLAINT_* event and on nothing else', () => {
    // The case's own steps, its limits (the deadline scan) and a reopening after a dissatisfied callback.
    expect(COMPLAINT_EVENTS.length).toBe(15);
    expect(COMPLAINT_EVENTS).toEqual(expect.arrayContaining(['COMPLAINT_REGISTERED', 'COMPLAINT_OVERDUE', 'COMPLAINT_REOPENED']));
    expect(matchesLive({ types: COMPLAINT_EVENTS }, { type: 'COMPLAINT_DECIDED', problem: null })).toBe(true);
    expect(matchesLive({ types: COMPLAINT_EVENTS }, { type: 'ACTION_ASSIGNED', problem: null })).toBe(false);
  });
});
