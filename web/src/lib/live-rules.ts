/** The hub's event types, as the contract lists them. */
export const HUB_EVENT_TYPES = [
  'FEEDBACK_RECORDED',
  'PROBLEM_OPENED',
  'FEEDBACK_ATTACHED',
  'PROBLEM_MERGED',
  'PROBLEM_DISMISSED',
  'DIAGNOSIS_SUBMITTED',
  'CONSULTATION_OPENED',
  'OPINION_SUBMITTED',
  'CONSULTATION_CONCLUDED',
  'ACTION_ASSIGNED',
  'ACTION_STATUS_CHANGED',
  'EXTENSION_REQUESTED',
  'EXTENSION_DECIDED',
  'VERIFICATION_STARTED',
  'PROBLEM_RESOLVED',
  'PROBLEM_REOPENED',
  'ACTION_OVERDUE',
  'ACTION_ESCALATED',
  'STAGE_OVERDUE',
  'RECORDS_IMPORTED',
  'REPORT_PUBLISHED',
  'FEEDBACK_CLUSTER_GREW',
] as const;

export type HubEventType = (typeof HUB_EVENT_TYPES)[number];

/** One event of the live feed, as the web app asks for it. */
export interface LiveEvent {
  cursor: string;
  type: HubEventType;
  at: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  feedbackId: string | null;
  actor: { id: string; displayName: string } | null;
  problem: { id: string; code: string; title: string; status: string } | null;
  action: { id: string; title: string; status: string } | null;
}

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

/** Event types that change problems (their status, their tables, their counts). */
export const PROBLEM_EVENTS: readonly HubEventType[] = HUB_EVENT_TYPES.filter(
  (t) => t !== 'FEEDBACK_RECORDED' && t !== 'RECORDS_IMPORTED' && t !== 'REPORT_PUBLISHED' && t !== 'FEEDBACK_CLUSTER_GREW',
);

/** Event types that change the linkage table's rows. */
export const ACTION_EVENTS: readonly HubEventType[] = [
  'CONSULTATION_CONCLUDED',
  'ACTION_ASSIGNED',
  'ACTION_STATUS_CHANGED',
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
  'PROBLEM_MERGED',
  'PROBLEM_DISMISSED',
];

/** Whether an event can change what a query with this spec shows. */
export function matchesLive(spec: LiveSpec, event: Pick<LiveEvent, 'type' | 'problem'>): boolean {
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
