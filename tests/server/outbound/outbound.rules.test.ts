import { describe, it, expect } from 'vitest';
import {
  effectivePreference,
  nextRetryDelay,
  nextSendTime,
  wantsOutbound,
  minutesOf,
  freshTimestamp,
} from '../../../server/src/outbound/outbound.rules.js';
import { renderNotification, renderEvent } from '../../../server/src/outbound/outbound.render.js';

const at = (iso: string) => Date.parse(iso);

describe('quiet hours (bank time, UTC+8)', () => {
  const cases: [string, { from: number; to: number } | null, string, string][] = [
    ['no quiet hours', null, '2026-11-20T23:00:00+08:00', '2026-11-20T23:00:00+08:00'],
    ['outside a daytime span', { from: 12 * 60, to: 13 * 60 }, '2026-11-20T10:00:00+08:00', '2026-11-20T10:00:00+08:00'],
    ['inside a daytime span', { from: 9 * 60, to: 11 * 60 }, '2026-11-20T10:00:00+08:00', '2026-11-20T11:00:00+08:00'],
    ['at its end: sent', { from: 9 * 60, to: 11 * 60 }, '2026-11-20T11:00:00+08:00', '2026-11-20T11:00:00+08:00'],
    ['wrapping midnight, before it', { from: 22 * 60, to: 7 * 60 + 30 }, '2026-11-20T23:15:00+08:00', '2026-11-21T07:30:00+08:00'],
    ['wrapping midnight, after it', { from: 22 * 60, to: 7 * 60 + 30 }, '2026-11-21T02:00:00+08:00', '2026-11-21T07:30:00+08:00'],
    ['wrapping midnight, outside', { from: 22 * 60, to: 7 * 60 + 30 }, '2026-11-21T08:00:00+08:00', '2026-11-21T08:00:00+08:00'],
  ];
  it.each(cases)('%s', (_name, quiet, now, expected) => {
    expect(nextSendTime(at(now), quiet)).toBe(at(expected));
  });
});

describe('preferences', () => {
  const role = { kinds: ['ACTION_OVERDUE'], channels: ['EMAIL' as const], quietFrom: 22 * 60, quietTo: 7 * 60 };
  const cases: [string, Parameters<typeof effectivePreference>[0], string, 'EMAIL' | 'WECOM', boolean][] = [
    ['nobody said anything: nothing goes out', null, 'ACTION_OVERDUE', 'EMAIL', false],
    ['the role default applies', { kinds: null, channels: null, quietFrom: null, quietTo: null }, 'ACTION_OVERDUE', 'EMAIL', true],
    ['a kind outside the role default', { kinds: null, channels: null, quietFrom: null, quietTo: null }, 'MENTIONED', 'EMAIL', false],
    ['own kinds over the role’s', { kinds: ['MENTIONED'], channels: null, quietFrom: null, quietTo: null }, 'MENTIONED', 'EMAIL', true],
    [
      'own channels over the role’s',
      { kinds: null, channels: ['WECOM'], quietFrom: null, quietTo: null },
      'ACTION_OVERDUE',
      'EMAIL',
      false,
    ],
    ['own empty channels: none', { kinds: null, channels: [], quietFrom: null, quietTo: null }, 'ACTION_OVERDUE', 'EMAIL', false],
  ];
  it.each(cases)('%s', (_name, own, kind, channel, wanted) => {
    expect(wantsOutbound(effectivePreference(own, own === null ? null : role), kind, channel)).toBe(wanted);
  });
  it('quiet hours fall back to the role’s', () => {
    expect(effectivePreference({ kinds: null, channels: null, quietFrom: null, quietTo: null }, role).quiet).toEqual({
      from: 1320,
      to: 420,
    });
    expect(effectivePreference({ kinds: null, channels: null, quietFrom: 60, quietTo: 120 }, role).quiet).toEqual({ from: 60, to: 120 });
  });
  it.each([
    ['07:30', 450],
    ['23:59', 1439],
    ['24:00', undefined],
    ['7:30', undefined],
  ])('%s is minute %s', (hhmm, minutes) => expect(minutesOf(hhmm)).toBe(minutes));
});

describe('retries', () => {
  const policy = { baseMs: 1000, maxMs: 5000, maxAttempts: 5 };
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 5000],
    [5, null],
  ])('after %s failed attempts: %s', (attempts, delay) => expect(nextRetryDelay(attempts, policy)).toBe(delay));
  it.each([
    [1_000_000, 1_000_000_000, true],
    [1_000_000 - 301, 1_000_000_000, false],
    [1_000_000 + 301, 1_000_000_000, false],
  ])('timestamp %s at %s ms is fresh: %s', (ts, now, fresh) => expect(freshTimestamp(ts, now)).toBe(fresh));
});

describe('rendering masks personal data and links back', () => {
  const phone = '13812345678';
  it.each(['EMAIL', 'WECOM'] as const)('%s', (channel) => {
    const out = renderNotification(
      channel,
      { kind: 'MENTIONED', summary: `客户 ${phone} 来电`, problemId: 'prb_1' },
      'https://hub.example/',
    );
    expect(out).not.toContain(phone);
    expect(out).toContain('https://hub.example/problems/prb_1');
  });
  it('the digest links to the digest page', () => {
    expect(renderNotification('EMAIL', { kind: 'DAILY_DIGEST', summary: '2 项到期' }, 'https://hub.example')).toContain(
      'https://hub.example/digest',
    );
  });
  it.each(['SIGNED_JSON', 'WECOM_ROBOT'] as const)('an event for %s', (format) => {
    const event = { seq: 1, type: 'PROBLEM_OPENED', at: new Date(0), note: `客户 ${phone}`, problemId: 'prb_2' } as never;
    const out = renderEvent(format, 'dlv_x', event, 'https://hub.example');
    expect(out).not.toContain(phone);
    expect(out).toContain('https://hub.example/problems/prb_2');
  });
});
