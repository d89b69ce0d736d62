import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import {
  ACTION_EVENTS,
  FEEDBACK_EVENTS,
  HUB_EVENT_TYPES,
  PROBLEM_EVENTS,
  matchesLive,
  retryDelayMs,
} from '../../web/src/lib/live-rules.js';
import { ROOT } from './utils/build-web.js';

const problem = (id: string) => ({ id, code: 'VOC-1', title: 't', status: 'OPEN' });

describe('which live events refetch which query', () => {
  it.each([
    [{}, 'FEEDBACK_RECORDED', null, true],
    [{ types: FEEDBACK_EVENTS }, 'FEEDBACK_RECORDED', null, true],
    [{ types: FEEDBACK_EVENTS }, 'ACTION_STATUS_CHANGED', 'p1', false],
    [{ types: ACTION_EVENTS }, 'ACTION_STATUS_CHANGED', 'p1', true],
    [{ types: ACTION_EVENTS }, 'ACTION_OVERDUE', 'p1', true],
    [{ types: PROBLEM_EVENTS }, 'FEEDBACK_RECORDED', null, false],
    [{ problemId: 'p1' }, 'OPINION_SUBMITTED', 'p1', true],
    [{ problemId: 'p1' }, 'OPINION_SUBMITTED', 'p2', false],
    [{ problemId: 'p1' }, 'PROBLEM_MERGED', 'p2', true], // the target of a merge gains feedback
    [{ problemId: 'p1', types: ['PROBLEM_RESOLVED'] as const }, 'OPINION_SUBMITTED', 'p1', false],
  ] as const)('%j and %s on %s → %s', (spec, type, problemId, expected) => {
    expect(matchesLive(spec, { type, problem: problemId ? problem(problemId) : null })).toBe(expected);
  });

  it('knows every event type the served schema has', () => {
    const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8'));
    const served = (schema.getType('HubEventType') as GraphQLEnumType).getValues().map((v) => v.name);
    expect([...HUB_EVENT_TYPES].sort()).toEqual([...served].sort());
  });
});

describe('reconnection back-off', () => {
  it('starts quick, doubles, and stays under 10 s with jitter', () => {
    expect(retryDelayMs(0, 0.5)).toBe(500);
    expect(retryDelayMs(1, 0.5)).toBe(1000);
    expect(retryDelayMs(3, 0.5)).toBe(4000);
    expect(retryDelayMs(30, 1)).toBeLessThanOrEqual(12_500);
    expect(retryDelayMs(30, 0)).toBeGreaterThanOrEqual(7_500);
  });
});
