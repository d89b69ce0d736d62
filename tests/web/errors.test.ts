import { describe, expect, it } from 'vitest';
import { ERROR_CODES, describeError, fieldMessage, fieldPath, isSignedOut, needsPasswordChange } from '../../web/src/lib/errors.js';
import { CONTRACT_ERROR_CODES } from '../../server/src/core/errors.js';
import { makeTranslate, registerDictionary } from '../../web/src/lib/translate.js';
import { zh } from '../../web/src/lib/messages.zh.js';
import { en } from '../../web/src/lib/messages.en.js';

const t = makeTranslate('zh');
const gql = (code: string, message = 'x', extra: Record<string, unknown> = {}) => ({
  graphQLErrors: [{ message, extensions: { code, ...extra } }],
});

describe('errors in plain words', () => {
  it("knows exactly the server's contract error codes (the web app keeps a copy: it may not import server code)", () => {
    expect([...ERROR_CODES].sort()).toEqual([...CONTRACT_ERROR_CODES].sort());
  });

  it.each([
    ['UNAUTHENTICATED', '登录已失效'],
    ['FORBIDDEN', '没有执行此操作的权限'],
    ['NOT_FOUND', '找不到该记录'],
    ['BAD_USER_INPUT', '填写的内容有误'],
    ['CONFLICT', '其他同事已更新了这条记录'],
    ['INVALID_TRANSITION', '当前状态下不能执行此操作'],
    ['RATE_LIMITED', '操作过于频繁'],
    ['QUERY_TOO_COMPLEX', '查询范围过大'],
  ])('%s has a message a bank employee understands', (code, words) => {
    const e = describeError(gql(code, 'English detail'), t);
    expect(e.code).toBe(code);
    expect(e.message).toContain(words);
    expect(e.detail).toBe('English detail');
  });

  it('names the form field a BAD_USER_INPUT is about, with its own words', () => {
    const e = describeError(gql('BAD_USER_INPUT', 'input.text must have at most 4000 characters (got 4001).', { field: 'input.text' }), t);
    expect(e.field).toEqual(['text']);
    expect(e.fieldMessage).toBe('内容过长，最多 4000 个字');
  });

  it.each([
    ['input.text', ['text']],
    ['input.actions[0].dueAt', ['actions', 0, 'dueAt']],
    ['input.expertIds[2]', ['expertIds', 2]],
    ['filter.search', ['search']],
    ['month', ['month']],
  ])('maps the server field %s to the form path %j', (field, path) => {
    expect(fieldPath(field)).toEqual(path);
  });

  it('says what it can of an unknown field message, and never shows English alone', () => {
    expect(fieldMessage('input.dueAt must be in the future.', t)).toBe('时间须晚于当前时间');
    expect(fieldMessage('Feedback fb_1 already belongs to another problem.', t)).toBe('其中有反馈已归入其他问题');
    expect(fieldMessage('something new', t)).toBe('填写有误，请检查');
  });

  it('tells network trouble, masked internal errors (with the reference) and rate limits apart', () => {
    expect(describeError({ networkError: new Error('down') }, t)).toMatchObject({
      code: 'NETWORK',
      message: expect.stringContaining('无法连接'),
    });
    expect(describeError(gql('INTERNAL_SERVER_ERROR', 'Internal', { correlationId: 'c-42' }), t).message).toContain('c-42');
    expect(describeError(gql('RATE_LIMITED', 'slow down', { retryAfterSeconds: 30 }), t).message).toContain('30 秒');
  });

  it('recognises a lost sign-in and a required password change', () => {
    expect(isSignedOut(gql('UNAUTHENTICATED'))).toBe(true);
    expect(isSignedOut(gql('FORBIDDEN'))).toBe(false);
    expect(needsPasswordChange(gql('FORBIDDEN', 'x', { reason: 'PASSWORD_CHANGE_REQUIRED' }))).toBe(true);
    expect(describeError(gql('FORBIDDEN', 'x', { reason: 'PASSWORD_CHANGE_REQUIRED' }), t).message).toBe('请先修改密码。');
  });
});

describe('the two languages', () => {
  it('have the same keys, none of them empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [k, v] of Object.entries(en)) expect(v, k).not.toBe('');
  });

  it('fill placeholders, and English is there once registered', () => {
    registerDictionary('en', en);
    expect(makeTranslate('en')('error.CONFLICT.title')).toBe('Changed by someone else');
    expect(makeTranslate('zh')('record.today', { n: 3 })).toBe('我今天记录的（3 条）');
  });
});
