import { describe, it, expect } from 'vitest';
import {
  callbackRates,
  callbackTargets,
  nextAfterAttempt,
  revealRefusal,
  type CallbackSource,
} from '../../../server/src/callback/callback.rules.js';
import { maskPhone, normalizePhone } from '../../../server/src/contact/contact.rules.js';
import { nextComplaintStatus } from '../../../server/src/complaint/complaint.rules.js';
import { COMPLAINT_STATUSES } from '../../../server/src/complaint/complaint.table.js';

const src = (
  kind: 'COMPLAINT' | 'FEEDBACK',
  id: string,
  customerRef: string | null,
  hasPhone: boolean,
  at = 0,
  feedbackId: string | null = null,
): CallbackSource => ({
  kind,
  id,
  customerRef,
  branchId: 'br_SH',
  hasPhone,
  feedbackId,
  at,
});

describe('callbackTargets: one per distinct customer', () => {
  it.each([
    {
      name: 'one customer, two items: one callback, the item with a phone to call',
      sources: [src('FEEDBACK', 'f1', 'C1', false, 1), src('FEEDBACK', 'f2', 'C1', true, 2)],
      want: [{ customerKey: 'REF:C1', complaintId: null, feedbackId: 'f2', contact: { kind: 'FEEDBACK', id: 'f2' } }],
    },
    {
      name: 'a complaint case stands for its customer, whose feedback phone is used when the case has none',
      sources: [src('FEEDBACK', 'f1', 'C1', true, 1), src('COMPLAINT', 'c1', 'C1', false, 2, 'f9')],
      want: [{ customerKey: 'REF:C1', complaintId: 'c1', feedbackId: 'f9', contact: { kind: 'FEEDBACK', id: 'f1' } }],
    },
    {
      name: 'unnamed with a phone: its own customer; unnamed without: nobody to call',
      sources: [src('FEEDBACK', 'f1', null, true), src('FEEDBACK', 'f2', null, false)],
      want: [{ customerKey: 'FEEDBACK:f1', complaintId: null, feedbackId: 'f1', contact: { kind: 'FEEDBACK', id: 'f1' } }],
    },
    {
      name: 'two customers: two callbacks',
      sources: [src('FEEDBACK', 'f1', 'C1', false), src('FEEDBACK', 'f2', 'C2', false)],
      want: [{ customerKey: 'REF:C1' }, { customerKey: 'REF:C2' }],
    },
  ])('$name', ({ sources, want }) => {
    const got = callbackTargets(sources);
    expect(got).toHaveLength(want.length);
    want.forEach((w, i) => expect(got[i]).toMatchObject(w));
  });
});

describe('nextAfterAttempt', () => {
  it.each([
    { cur: { status: 'OPEN', attempts: 0 }, a: { reached: false, verdict: null }, want: { ok: true, status: 'OPEN', attempts: 1 } },
    { cur: { status: 'OPEN', attempts: 2 }, a: { reached: false, verdict: null }, want: { ok: true, status: 'UNREACHABLE', attempts: 3 } },
    {
      cur: { status: 'OPEN', attempts: 2 },
      a: { reached: true, verdict: 'PARTLY' },
      want: { ok: true, status: 'COMPLETED', verdict: 'PARTLY' },
    },
    { cur: { status: 'OPEN', attempts: 0 }, a: { reached: true, verdict: null }, want: { ok: false, code: 'BAD_USER_INPUT' } },
    { cur: { status: 'OPEN', attempts: 0 }, a: { reached: false, verdict: 'SATISFIED' }, want: { ok: false, code: 'BAD_USER_INPUT' } },
    {
      cur: { status: 'COMPLETED', attempts: 1 },
      a: { reached: true, verdict: 'SATISFIED' },
      want: { ok: false, code: 'INVALID_TRANSITION' },
    },
    { cur: { status: 'UNREACHABLE', attempts: 3 }, a: { reached: false, verdict: null }, want: { ok: false, code: 'INVALID_TRANSITION' } },
  ] as const)('$cur.status after $cur.attempts, reached $a.reached → $want.status$want.code', ({ cur, a, want }) => {
    expect(nextAfterAttempt(cur, a, 3)).toMatchObject(want);
  });
});

describe('rates, reveal, phones, reopening', () => {
  it('rates have their denominators; null without', () => {
    expect(callbackRates({ closed: 4, reached: 3, unreachable: 1, satisfied: 1, partly: 1, notSatisfied: 1 })).toEqual({
      reachRate: 0.75,
      satisfactionRate: 1 / 3,
      partlySatisfiedRate: 1 / 3,
    });
    expect(callbackRates({ closed: 0, reached: 0, unreachable: 0, satisfied: 0, partly: 0, notSatisfied: 0 })).toEqual({
      reachRate: null,
      satisfactionRate: null,
      partlySatisfiedRate: null,
    });
  });

  it('reveal: only an AGENT, only while OPEN, only the one working it', () => {
    const agent = { id: 'a1', role: 'AGENT' };
    expect(revealRefusal(agent, { status: 'OPEN', assigneeId: null })).toBeUndefined();
    expect(revealRefusal(agent, { status: 'OPEN', assigneeId: 'a1' })).toBeUndefined();
    expect(revealRefusal(agent, { status: 'OPEN', assigneeId: 'a2' })).toBeDefined();
    expect(revealRefusal(agent, { status: 'COMPLETED', assigneeId: 'a1' })).toBeDefined();
    for (const role of ['COORDINATOR', 'ADMIN', 'ANALYST', 'EXPERT', 'BRANCH_MANAGER'])
      expect(revealRefusal({ id: 'x', role }, { status: 'OPEN', assigneeId: null })).toBeDefined();
  });

  it.each([
    ['13812345678', '13812345678', '138****5678'],
    ['+86 138-1234-5678', '+8613812345678', '+86138****5678'],
    ['(010) 6512 3456', '01065123456', '010****3456'],
    ['65123456', '65123456', '****3456'],
    ['not a phone', null, null],
    ['12', null, null],
  ])('%s → %s, masked %s', (input, normal, masked) => {
    expect(normalizePhone(input)).toBe(normal);
    if (normal) expect(maskPhone(normal)).toBe(masked);
  });

  it('a dissatisfied callback reopens decided and concluded cases to HANDLING, and nothing else', () => {
    const reopens = COMPLAINT_STATUSES.filter((s) => nextComplaintStatus(s, 'reopen').ok);
    expect(reopens).toEqual(['DECIDED', 'ACCEPTED', 'REVIEWED', 'ARCHIVED']);
    expect(nextComplaintStatus('ARCHIVED', 'reopen')).toEqual({ ok: true, to: 'HANDLING' });
  });
});
