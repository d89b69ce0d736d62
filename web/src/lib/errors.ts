import type { MessageKey, Translate } from './translate.js';

/** The contract's error codes: a copy of the server's CONTRACT_ERROR_CODES (the web app imports no server code); tests/web/errors.test.ts holds the two equal. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'INVALID_TRANSITION',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number] | 'INTERNAL_SERVER_ERROR' | 'NETWORK' | 'UNKNOWN';

/** The shape of urql's CombinedError that matters here (kept structural so that tests need no urql). */
export interface ErrorLike {
  graphQLErrors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  networkError?: unknown;
  response?: unknown;
}

/** A refused operation, said in plain words. */
export interface HubError {
  code: ErrorCode;
  /** What to tell the bank employee. */
  message: string;
  /** The server's own words, for the curious and for support. */
  detail?: string;
  /** The form field the error is about, as a form path: `input.actions[0].dueAt` → ['actions', 0, 'dueAt']. */
  field?: (string | number)[];
  /** The message to put next to that field. */
  fieldMessage?: string;
  correlationId?: string;
  retryAfterSeconds?: number;
}

/** `input.actions[0].dueAt` → ['actions', 0, 'dueAt']; the leading `input` goes, as forms hold the input's fields. */
export function fieldPath(field: string): (string | number)[] {
  const parts = field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] === 'input' || parts[0] === 'filter') parts.shift();
  return parts;
}

/** Known phrasings of the server's field messages, in plain words. */
const FIELD_PATTERNS: readonly [RegExp, MessageKey][] = [
  [/回避: the staff member/i, 'error.field.recusalStaff'],
  [/回避: a member of the department/i, 'error.field.recusalDepartment'],
  [/is not a JR\/T 0169/i, 'error.field.unknownCode'],
  [/already has a complaint case/i, 'error.field.alreadyRegistered'],
  [/customer cannot have been told in the future|cannot be in the future/i, 'error.field.notFuture'],
  [/must not be empty/i, 'error.field.empty'],
  [/at most (\d[\d,]*) characters/i, 'error.field.tooLong'],
  [/at least (\d[\d,]*) characters/i, 'error.field.tooShort'],
  [/must be in the future|may not be in the future/i, 'error.field.future'],
  [/later than the current/i, 'error.field.laterThanDue'],
  [/already belongs to another problem/i, 'error.field.feedbackTaken'],
  [/merged into itself/i, 'error.field.mergeSelf'],
  [/username is taken|already in use/i, 'error.field.taken'],
  [/current password is wrong/i, 'error.field.wrongPassword'],
  [/must differ from the current/i, 'error.field.samePassword'],
  [/needs at least one action|at least one action/i, 'error.field.needAction'],
  [/exactly one of branchId and departmentId/i, 'error.field.branchOrDepartment'],
  [/is not an? .* id|is not an? (branch|department|category|problem|feedback item|user)/i, 'error.field.unknownItem'],
  [/names the same id twice/i, 'error.field.duplicate'],
  [/common password|password/i, 'error.field.weakPassword'],
];

/**
 * Refusals whose reason the employee must know to act (回避, head-office approval, who performs
 * 核实): said in their own words rather than the generic "your role may not".
 */
const REFUSAL_PATTERNS: readonly [RegExp, MessageKey][] = [
  [/回避: the staff member/i, 'error.recusal.staff'],
  [/回避: a member of the department/i, 'error.recusal.department'],
  [/second extension .* needs head-office approval/i, 'error.complaint.secondExtension'],
  [/both extensions the rules allow/i, 'error.complaint.noMoreExtensions'],
  [/核实 is performed by the next-higher institution/i, 'error.complaint.reviewer'],
  [/Only the branch complained about or a COORDINATOR/i, 'error.complaint.handler'],
  [/window for 核实 has closed/i, 'error.complaint.reviewWindow'],
];

/** The plain-words message for a field error. */
export function fieldMessage(serverMessage: string, t: Translate): string {
  for (const [pattern, key] of FIELD_PATTERNS) {
    const m = pattern.exec(serverMessage);
    if (m) return t(key, { n: m[1] ?? '' });
  }
  return t('error.field.invalid');
}

const CODE_MESSAGES: Record<ErrorCode, MessageKey> = {
  UNAUTHENTICATED: 'error.UNAUTHENTICATED',
  FORBIDDEN: 'error.FORBIDDEN',
  NOT_FOUND: 'error.NOT_FOUND',
  BAD_USER_INPUT: 'error.BAD_USER_INPUT',
  CONFLICT: 'error.CONFLICT',
  INVALID_TRANSITION: 'error.INVALID_TRANSITION',
  RATE_LIMITED: 'error.RATE_LIMITED',
  QUERY_TOO_COMPLEX: 'error.QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR: 'error.INTERNAL_SERVER_ERROR',
  NETWORK: 'error.NETWORK',
  UNKNOWN: 'error.UNKNOWN',
};

/** Turns an urql error into what a bank employee is told. */
export function describeError(error: ErrorLike, t: Translate): HubError {
  const first = error.graphQLErrors?.[0];
  if (!first) {
    return { code: error.networkError ? 'NETWORK' : 'UNKNOWN', message: t(error.networkError ? 'error.NETWORK' : 'error.UNKNOWN') };
  }
  const ext = first.extensions ?? {};
  const raw = typeof ext.code === 'string' ? ext.code : 'UNKNOWN';
  const code: ErrorCode = raw in CODE_MESSAGES ? (raw as ErrorCode) : 'UNKNOWN';
  const out: HubError = { code, message: t(CODE_MESSAGES[code]), detail: first.message };
  if (code === 'FORBIDDEN' && ext.reason === 'PASSWORD_CHANGE_REQUIRED') out.message = t('error.passwordChangeRequired');
  if (code === 'FORBIDDEN' || code === 'INVALID_TRANSITION') {
    const reason = REFUSAL_PATTERNS.find(([pattern]) => pattern.test(first.message));
    if (reason) out.message = t(reason[1]);
  }
  if (code === 'BAD_USER_INPUT' && typeof ext.field === 'string') {
    out.field = fieldPath(ext.field);
    out.fieldMessage = fieldMessage(first.message, t);
  }
  if (code === 'RATE_LIMITED' && typeof ext.retryAfterSeconds === 'number') {
    out.retryAfterSeconds = ext.retryAfterSeconds;
    out.message = t('error.RATE_LIMITED.retry', { s: ext.retryAfterSeconds });
  }
  if (typeof ext.correlationId === 'string') {
    out.correlationId = ext.correlationId;
    out.message = t('error.INTERNAL_SERVER_ERROR.ref', { id: ext.correlationId });
  }
  return out;
}

/** Whether an error says the sign-in is gone. */
export function isSignedOut(error: ErrorLike): boolean {
  return !!error.graphQLErrors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

/** Whether an error says the password must be changed first. */
export function needsPasswordChange(error: ErrorLike): boolean {
  return !!error.graphQLErrors?.some((e) => e.extensions?.code === 'FORBIDDEN' && e.extensions?.reason === 'PASSWORD_CHANGE_REQUIRED');
}
