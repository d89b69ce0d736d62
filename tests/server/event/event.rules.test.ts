import { describe, it, expect } from 'vitest';
import { audienceKey, legacyExpertNote, payloadAudience } from '../../../server/src/event/event.rules.js';
import type { Viewer } from '../../../server/src/core/viewer.rules.js';

/**
 * Who may share one execution of an event: two subscribers share only if their audience keys are
 * equal, so every pair that would be shown something different must get different keys.
 */
const viewer = (id: string, role: Viewer['role'], branchId: string | null = null, scope: string[] | null = null): Viewer => ({
  id,
  username: id,
  role,
  branchId,
  departmentId: null,
  scope: scope ? new Set(scope) : null,
});

const V = {
  coordinator: viewer('u-co', 'COORDINATOR'),
  analyst: viewer('u-an', 'ANALYST'),
  bmSh: viewer('u-bm-sh', 'BRANCH_MANAGER', 'SH', ['SH', 'SH-PD']),
  bmShPd: viewer('u-bm-pd', 'BRANCH_MANAGER', 'SH-PD', ['SH-PD']),
  agentA: viewer('u-ag-a', 'AGENT'),
  agentB: viewer('u-ag-b', 'AGENT'),
  expert: viewer('u-ex', 'EXPERT'),
};
type Name = keyof typeof V;

/** An event recorded by agent A, with a note. */
const EVENT = { actorId: 'u-ag-a' };
const BASE = ['Subscription.hubEvents', 'HubEvent.cursor', 'HubEvent.type', 'HubEvent.__typename'];

/** Subscribers grouped by equal key, in order of first member; null when nobody shares. */
function groups(fields: string[]): Name[][] | null {
  const audience = payloadAudience(fields);
  if (!audience) return null;
  const byKey = new Map<string, Name[]>();
  for (const name of Object.keys(V) as Name[]) {
    const key = audienceKey(audience, V[name], EVENT);
    byKey.set(key, [...(byKey.get(key) ?? []), name]);
  }
  return [...byKey.values()];
}

describe('payloadAudience and audienceKey', () => {
  it.each<[string, string[], Name[][] | null]>([
    ['columns of the event only: everyone shares', BASE, [Object.keys(V) as Name[]]],
    [
      'records named by the event, unscoped and unmasked fields: everyone shares',
      [...BASE, 'HubEvent.actor', 'User.displayName', 'HubEvent.problem', 'Problem.code', 'Problem.status'],
      [Object.keys(V) as Name[]],
    ],
    [
      'a note: those who see it in clear (analysts, coordinators, the agent who wrote it) apart from the rest',
      [...BASE, 'HubEvent.note'],
      [
        ['coordinator', 'analyst', 'agentA'],
        ['bmSh', 'bmShPd', 'agentB', 'expert'],
      ],
    ],
    [
      'masked free text (a problem title): one audience per role',
      [...BASE, 'HubEvent.problem', 'Problem.title'],
      [['coordinator'], ['analyst'], ['bmSh', 'bmShPd'], ['agentA', 'agentB'], ['expert']],
    ],
    [
      'a note and masked text: role and note rights together',
      [...BASE, 'HubEvent.note', 'HubEvent.action', 'LinkageAction.title'],
      [['coordinator'], ['analyst'], ['bmSh', 'bmShPd'], ['agentA'], ['agentB'], ['expert']],
    ],
    [
      'a field not listed (scoped feedback of the problem): nobody shares',
      [...BASE, 'HubEvent.problem', 'Problem.feedback', 'FeedbackConnection.totalCount'],
      null,
    ],
    ['a viewer-dependent field of a listed type (User.active): nobody shares', [...BASE, 'HubEvent.actor', 'User.active'], null],
    ['a field through an interface (Node.id): nobody shares', [...BASE, 'HubEvent.problem', 'Node.id'], null],
  ])('%s', (_what, fields, expected) => {
    expect(groups(fields)).toEqual(expected);
  });
});

describe('legacyExpertNote', () => {
  it('reads the sign-in names and the reason of a note written before names were shown', () => {
    expect(legacyExpertNote('CONSULTATION_OPENED', 'expert.card, expert.it')).toEqual({
      usernames: ['expert.card', 'expert.it'],
      rest: null,
    });
    expect(legacyExpertNote('EXPERTS_INVITED', 'expert.it：需要科技部意见')).toEqual({ usernames: ['expert.it'], rest: '需要科技部意见' });
  });

  it('leaves notes of today, and of other events, as written', () => {
    expect(legacyExpertNote('CONSULTATION_OPENED', '王卡、李科')).toBeNull();
    expect(legacyExpertNote('EXPERTS_REMOVED', '王卡：不再需要')).toBeNull();
    expect(legacyExpertNote('ACTION_ASSIGNED', 'expert.card')).toBeNull();
    expect(legacyExpertNote('CONSULTATION_OPENED', null)).toBeNull();
  });
});
