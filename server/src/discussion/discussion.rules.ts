import type { RoleCode } from '../core/roles.js';

/** The longest comment accepted, in characters (after trimming). */
export const COMMENT_MAX = 4000;
/** The most people one comment may mention. */
export const MENTIONS_MAX = 20;

export interface CommentFacts {
  authorId: string;
  createdAt: Date;
  deletedAt: Date | null;
}

export type Refusal = { code: 'FORBIDDEN' | 'INVALID_TRANSITION'; message: string } | null;

/** Until when the author may edit a comment (COMMENT_EDIT_WINDOW_MINUTES after it was posted). */
export function editableUntil(comment: Pick<CommentFacts, 'createdAt'>, windowMs: number): number {
  return comment.createdAt.getTime() + windowMs;
}

/**
 * Why this viewer may not edit the comment now, or null: only its author, only while it stands
 * (not deleted) and only within the edit window; afterwards it stays as people read it.
 */
export function editRefusal(viewer: { id: string }, comment: CommentFacts, now: number, windowMs: number): Refusal {
  if (comment.deletedAt) return { code: 'INVALID_TRANSITION', message: 'The comment was deleted.' };
  if (comment.authorId !== viewer.id) return { code: 'FORBIDDEN', message: 'Only its author edits a comment.' };
  if (now > editableUntil(comment, windowMs)) return { code: 'INVALID_TRANSITION', message: 'The time to edit this comment has passed.' };
  return null;
}

/** Why this viewer may not delete the comment, or null: its author or an administrator, once. */
export function deleteRefusal(viewer: { id: string; role: RoleCode }, comment: CommentFacts): Refusal {
  if (comment.deletedAt) return { code: 'INVALID_TRANSITION', message: 'The comment was deleted already.' };
  if (comment.authorId !== viewer.id && viewer.role !== 'ADMIN')
    return { code: 'FORBIDDEN', message: 'Only its author or an administrator deletes a comment.' };
  return null;
}

/** The users newly named by an edit: those not mentioned before, each once, in order. */
export function newlyMentioned(before: readonly string[], after: readonly string[]): string[] {
  const known = new Set(before);
  return [...new Set(after)].filter((id) => !known.has(id));
}
