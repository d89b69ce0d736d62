import type { HubEventType, LiveHubEventsSubscription } from '../gql/graphql.js';
import { enumValues } from './translate.js';

export type { HubEventType };

/** The hub's event types, every one of the schema's (lib/enums.ts). */
export const HUB_EVENT_TYPES = enumValues('HubEventType');

/** One event of the live feed, as the web app asks for it (lib/live.query.ts). */
export type LiveEvent = LiveHubEventsSubscription['hubEvents'];

/**
 * What a query shows, so that the live feed knows when to refetch it: the event types that can
 * change it (all when omitted) and, for a page about one problem, that problem.
 */
export interface LiveSpec {
  types?: readonly HubEventType[];
  problemId?: string;
  /** Refetched when a notification of the viewer arrives. */
  notifications?: boolean;
}

/** Event types that change problems (their status, their tables, their counts); a comment changes none of them. */
export const PROBLEM_EVENTS: readonly HubEventType[] = HUB_EVENT_TYPES.filter(
  (t) =>
    t !== 'FEEDBACK_RECORDED' &&
    t !== 'RECORDS_IMPORTED' &&
    t !== 'REPORT_PUBLISHED' &&
    t !== 'FEEDBACK_CLUSTER_GREW' &&
    !t.startsWith('COMMENT_') &&
    // A saved view changes no problem.
    !t.startsWith('VIEW_'),
);

/** Event types that change a problem's discussion thread. */
export const COMMENT_EVENTS: readonly HubEventType[] = HUB_EVENT_TYPES.filter((t) => t.startsWith('COMMENT_'));

/** Event types that change the linkage table's rows. */
export const ACTION_EVENTS: readonly HubEventType[] = [
  'CONSULTATION_CONCLUDED',
  'ACTION_ASSIGNED',
  'ACTION_STATUS_CHANGED',
  'ACTION_REASSIGNED',
  'ACTION_REDATED',
  'EXTENSION_REQUESTED',
  'EXTENSION_DECIDED',
  'VERIFICATION_STARTED',
  'PROBLEM_RESOLVED',
  'PROBLEM_REOPENED',
  'ACTION_OVERDUE',
  'ACTION_ESCALATED',
];

/** Event types that change which feedback is attached to what. */
export const FEEDBACK_EVENTS: readonly HubEventType[] = [
  'FEEDBACK_RECORDED',
  'RECORDS_IMPORTED',
  'PROBLEM_OPENED',
  'FEEDBACK_ATTACHED',
  'FEEDBACK_DETACHED',
  'PROBLEM_MERGED',
  'PROBLEM_DISMISSED',
  'FEEDBACK_CORRECTED',
  'FEEDBACK_VOIDED',
];

/** Event types that change complaint cases (their state, limit, handler, decision, link). */
export const COMPLAINT_EVENTS: readonly HubEventType[] = HUB_EVENT_TYPES.filter((t) => t.startsWith('COMPLAINT_'));

/** Event types that change callbacks (回访): created when a problem is resolved, each call recorded. */
export const CALLBACK_EVENTS: readonly HubEventType[] = HUB_EVENT_TYPES.filter((t) => t.startsWith('CALLBACK_'));

/** What the rules read of an event: its type and the problem it is about. */
export interface LiveEventKey {
  type: HubEventType;
  problem: { id: string } | null;
}

/** Whether an event can change what a query with this spec shows. */
export function matchesLive(spec: LiveSpec, event: LiveEventKey): boolean {
  if (spec.types && !spec.types.includes(event.type)) return false;
  if (spec.problemId) {
    // A merge moves feedback into another problem: the target's page must refetch too.
    return event.problem?.id === spec.problemId || event.type === 'PROBLEM_MERGED';
  }
  return true;
}

/** Reconnection delay: quick at first, then backing off to at most 10 s, with jitter. */
export function retryDelayMs(attempt: number, random: number = Math.random()): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.75 + random * 0.5));
}
