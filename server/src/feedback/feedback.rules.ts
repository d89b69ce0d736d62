import type { RoleCode } from '../core/roles.js';

/** Why a viewer may not correct or void a feedback item, or null when they may. */
export type CorrectionRefusal = 'ROLE' | 'NOT_THEIRS' | 'WINDOW_PASSED' | 'VOIDED';

/**
 * Who corrects a recorded voice: the agent who recorded it, while `windowMs` (env
 * FEEDBACK_CORRECTION_WINDOW_MINUTES) has not passed since they recorded it — a slip is theirs to
 * fix while the call is fresh; after that, or for anyone else's record, an analyst, who answers for
 * the inbox's quality. A voided item takes no further change (VOIDED).
 */
export function feedbackCorrectionRefusal(
  viewer: { id: string; role: RoleCode },
  item: { recordedBy: string | null; createdAt: number; voided: boolean },
  now: number,
  windowMs: number,
): CorrectionRefusal | null {
  if (viewer.role !== 'AGENT' && viewer.role !== 'ANALYST') return 'ROLE';
  if (item.voided) return 'VOIDED';
  if (viewer.role === 'ANALYST') return null;
  if (item.recordedBy !== viewer.id) return 'NOT_THEIRS';
  if (now > item.createdAt + windowMs) return 'WINDOW_PASSED';
  return null;
}

/** The fields a correction may change, in the order the history lists them. */
export const CORRECTABLE_FIELDS = ['kind', 'channel', 'categoryId', 'branchId', 'receivedAt', 'complaint', 'customerRef', 'text'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
type Value = string | number | boolean | null;

/** Each field whose asked value differs from the stored one: what a correction changes (none: nothing to correct). */
export function feedbackChanges(
  current: Readonly<Record<CorrectableField, Value>>,
  asked: Readonly<Partial<Record<CorrectableField, Value | undefined>>>,
): { field: CorrectableField; from: Value; to: Value }[] {
  return CORRECTABLE_FIELDS.flatMap((field) => {
    const to = asked[field];
    return to === undefined || to === current[field] ? [] : [{ field, from: current[field], to }];
  });
}
