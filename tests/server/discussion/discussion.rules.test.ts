import { describe, expect, it } from 'vitest';
import { deleteRefusal, editRefusal, newlyMentioned } from '../../../server/src/discussion/discussion.rules.js';
import { followerKindOf } from '../../../server/src/notification/notification.rules.js';
import { mentionedUsernames } from '../../../server/src/core/mention.rules.js';

const MIN = 60_000;
const posted = new Date('2026-12-07T10:00:00Z');
const comment = (over: Partial<{ authorId: string; deletedAt: Date | null }> = {}) => ({
  authorId: 'usr_a',
  createdAt: posted,
  deletedAt: null,
  ...over,
});

describe('editRefusal', () => {
  const cases: [string, { id: string }, ReturnType<typeof comment>, number, string | null][] = [
    ['the author, at once', { id: 'usr_a' }, comment(), 0, null],
    ['the author, at the last moment of the window', { id: 'usr_a' }, comment(), 15 * MIN, null],
    ['the author, after the window', { id: 'usr_a' }, comment(), 15 * MIN + 1, 'INVALID_TRANSITION'],
    ['someone else', { id: 'usr_b' }, comment(), 0, 'FORBIDDEN'],
    ['the author, once deleted', { id: 'usr_a' }, comment({ deletedAt: posted }), 0, 'INVALID_TRANSITION'],
  ];
  it.each(cases)('%s', (_name, viewer, c, after, code) => {
    expect(editRefusal(viewer, c, posted.getTime() + after, 15 * MIN)?.code ?? null).toBe(code);
  });
  it('a window of 0 minutes allows no edit at all after the instant of posting', () => {
    expect(editRefusal({ id: 'usr_a' }, comment(), posted.getTime() + 1, 0)?.code).toBe('INVALID_TRANSITION');
  });
});

describe('deleteRefusal', () => {
  const cases: [string, { id: string; role: any }, ReturnType<typeof comment>, string | null][] = [
    ['the author', { id: 'usr_a', role: 'BRANCH_MANAGER' }, comment(), null],
    ['an administrator', { id: 'usr_x', role: 'ADMIN' }, comment(), null],
    ['a coordinator who did not write it', { id: 'usr_c', role: 'COORDINATOR' }, comment(), 'FORBIDDEN'],
    ['the author, again', { id: 'usr_a', role: 'AGENT' }, comment({ deletedAt: posted }), 'INVALID_TRANSITION'],
    ['an administrator, again', { id: 'usr_x', role: 'ADMIN' }, comment({ deletedAt: posted }), 'INVALID_TRANSITION'],
  ];
  it.each(cases)('%s', (_name, viewer, c, code) => {
    expect(deleteRefusal(viewer, c)?.code ?? null).toBe(code);
  });
});

describe('mentions', () => {
  it.each([
    ['请@bm.sh. 看看', ['bm.sh']],
    ['@Coordinator 和 @expert.card、@coordinator', ['coordinator', 'expert.card']],
    ['邮箱 a.b@example.com 不是提及', []],
    ['没有提及', []],
  ] as [string, string[]][])('%s', (text, names) => {
    expect(mentionedUsernames(text)).toEqual(names);
  });
  it('an edit tells only the newly mentioned', () => {
    expect(newlyMentioned(['u1', 'u2'], ['u2', 'u3', 'u3', 'u4'])).toEqual(['u3', 'u4']);
    expect(newlyMentioned(['u1'], ['u1'])).toEqual([]);
  });
});

describe('followerKindOf', () => {
  it.each([
    ['COMMENT_ADDED', 'COMMENT_ADDED'],
    ['COMMENT_EDITED', null],
    ['COMMENT_DELETED', null],
    ['ACTION_STATUS_CHANGED', 'FOLLOWED_PROBLEM'],
    ['PROBLEM_RESOLVED', 'FOLLOWED_PROBLEM'],
    ['FEEDBACK_CLUSTER_GREW', null],
    ['CALLBACK_ATTEMPTED', null],
  ] as const)('%s → %s', (type, kind) => {
    expect(followerKindOf(type)).toBe(kind);
  });
});
