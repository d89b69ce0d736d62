import { canSeePersonalData, type Viewer } from '../core/viewer.rules.js';

/**
 * Which events a branch-scoped viewer may see. An event about one feedback item, one action, one
 * complaint case or one callback follows that record's branch (a department's action is not a branch's business); an event about
 * the problem as a whole follows the problem's scope, which the caller decides; a notice about no
 * record (REPORT_PUBLISHED) reaches everyone, or the branch it names.
 */
export function eventVisible(
  scope: ReadonlySet<string> | null,
  event: {
    actionId: string | null;
    feedbackId: string | null;
    complaintId?: string | null;
    callbackId?: string | null;
    branchId: string | null;
    problemId: string | null;
  },
  problemInScope: (problemId: string) => boolean,
): boolean {
  if (!scope) return true;
  if (event.actionId || event.feedbackId || event.complaintId || event.callbackId)
    return event.branchId !== null && scope.has(event.branchId);
  if (event.problemId !== null) return problemInScope(event.problemId);
  // About no record at all: a notice to the whole bank (a published report) or to one branch.
  return event.branchId === null || scope.has(event.branchId);
}

/** What a field of a hubEvents payload depends on, besides the event and the records it names. */
export type FieldDependence = 'event' | 'role' | 'personal-data';

/**
 * Read off the resolvers, so that one execution of an event can serve every subscriber it would
 * answer identically. The event's and its records' own columns are the same for every viewer the
 * event reaches (actor, problem and action are loaded unscoped); free text marked @Masked follows
 * the role; a note follows canSeePersonalData. A field not listed (a scoped list, a field through an
 * interface) is taken to depend on everything about the viewer: adding a resolver or a middleware
 * to a listed field means revisiting its entry.
 */
const PAYLOAD_FIELDS: ReadonlyMap<string, FieldDependence> = new Map<string, FieldDependence>([
  ['Subscription.hubEvents', 'event'],
  ...(
    [
      'cursor',
      'type',
      'at',
      'fromStatus',
      'toStatus',
      'feedbackId',
      'complaintId',
      'callbackId',
      'commentId',
      'actor',
      'problem',
      'action',
    ] as const
  ).map((f) => [`HubEvent.${f}`, 'event'] as const),
  ['HubEvent.note', 'personal-data'],
  ...(['id', 'username', 'displayName', 'role'] as const).map((f) => [`User.${f}`, 'event'] as const),
  ...(['id', 'code', 'status', 'severity', 'version', 'createdAt', 'updatedAt'] as const).map((f) => [`Problem.${f}`, 'event'] as const),
  ['Problem.title', 'role'],
  ['Problem.dismissReason', 'role'],
  ...(['id', 'dueAt', 'status', 'version'] as const).map((f) => [`LinkageAction.${f}`, 'event'] as const),
  ['LinkageAction.title', 'role'],
  ['LinkageAction.description', 'role'],
]);

/** Which part of the viewer a hubEvents selection depends on, when only listed fields are selected. */
export interface PayloadAudience {
  readonly role: boolean;
  readonly personalData: boolean;
}

/**
 * The audience of a selection, from its fields as `Type.field` coordinates (every operation and
 * fragment of its document); null when a field is not listed, and the payload is then rendered
 * for each subscriber alone.
 */
export function payloadAudience(fields: Iterable<string>): PayloadAudience | null {
  let role = false;
  let personalData = false;
  for (const field of fields) {
    const dependence = field.endsWith('.__typename') ? 'event' : PAYLOAD_FIELDS.get(field);
    if (dependence === undefined) return null;
    role ||= dependence === 'role';
    personalData ||= dependence === 'personal-data';
  }
  return { role, personalData };
}

/**
 * Which subscribers share one execution of an event: those with the same key receive the same
 * payload for it. The key holds exactly what the selection reads of the viewer (the role for
 * masked text, the right to see the note in clear), so that it can never hand one viewer's
 * rendering to another who would be shown something else.
 */
export function audienceKey(audience: PayloadAudience, viewer: Viewer, event: { actorId: string | null }): string {
  return `${audience.role ? viewer.role : '*'}:${audience.personalData ? canSeePersonalData(viewer, event.actorId) : '*'}`;
}

/** The events whose note names experts: by display name (joined with 、) since issue 18, by sign-in name (joined with ", ") before. */
const EXPERT_NOTES = new Set(['CONSULTATION_OPENED', 'EXPERTS_INVITED', 'EXPERTS_REMOVED']);
const SIGN_IN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A note written before the history named experts by their names: the sign-in names it lists and the
 * reason after them, so that the history can show people's names (`expert.card, expert.it：原因` →
 * usernames and `原因`). Null for any other note, which is shown as written.
 */
export function legacyExpertNote(type: string, note: string | null): { usernames: string[]; rest: string | null } | null {
  if (note === null || !EXPERT_NOTES.has(type)) return null;
  const cut = note.indexOf('：');
  const head = cut < 0 ? note : note.slice(0, cut);
  const usernames = head.split(', ');
  if (!usernames.every((u) => SIGN_IN_NAME.test(u))) return null;
  return { usernames, rest: cut < 0 ? null : note.slice(cut + 1) };
}
