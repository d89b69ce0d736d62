import type { HubDeps } from '../core/hub.js';
import type { Db } from '../core/db.js';
import type { Viewer } from '../core/viewer.rules.js';
import { AppError, badInput, conflict, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { idList, idOf, requiredText } from '../core/validate.js';
import { mentionedUsernames } from '../core/mention.rules.js';
import { write, type EventFacts, type HubEventRow } from '../event/index.js';
import { branchIdsOfProblems, findAction, findProblem, problemConcerns, type ProblemRow } from '../loop/index.js';
import { COMMENT_MAX, MENTIONS_MAX, deleteRefusal, editRefusal, editableUntil, newlyMentioned, type Refusal } from './discussion.rules.js';
import {
  activeOwnerIds,
  activeUsers,
  activeUsersNamed,
  addFollowers,
  copyFollowers,
  findComment,
  insertComment,
  invitedExperts,
  removeFollower,
  updateCommentIfVersion,
  type CommentRow,
} from './discussion.repository.js';

export interface AddCommentFields {
  problemId: string;
  body: string;
  mentions?: readonly string[] | null;
}

export interface EditCommentFields {
  commentId: string;
  expectedVersion: number;
  body: string;
  mentions?: readonly string[] | null;
}

export interface DeleteCommentFields {
  commentId: string;
  expectedVersion: number;
}

const mentionedOf = (c: CommentRow): string[] => JSON.parse(c.mentionedIds) as string[];

function refuse(refusal: Refusal, operation: string): void {
  if (!refusal) return;
  throw refusal.code === 'FORBIDDEN'
    ? new AppError('FORBIDDEN', refusal.message)
    : new AppError('INVALID_TRANSITION', refusal.message, { operation });
}

/**
 * The discussion on a problem and who follows it. Anyone who may see a problem may comment on it
 * and follow it; a problem they may not see answers NOT_FOUND, as everywhere. A comment's @mentions
 * (parsed from `@username` in its text, or given as user ids) must name active users, or nothing is
 * written (BAD_USER_INPUT); the mentioned are told by the notification module's reaction to
 * COMMENT_ADDED / COMMENT_EDITED, which tells only those who may see the problem. Events name the
 * comment, never its words: a deleted comment leaves a tombstone and no copy of its text.
 */
export class DiscussionService {
  constructor(private readonly deps: HubDeps) {}

  /** How long after posting its author may edit a comment (COMMENT_EDIT_WINDOW_MINUTES). */
  get editWindowMs(): number {
    return this.deps.env.COMMENT_EDIT_WINDOW_MINUTES * 60_000;
  }

  private async visibleProblem(db: Db, viewer: Viewer, problemId: string): Promise<ProblemRow> {
    const problem = await findProblem(db, problemId);
    if (!problem || (viewer.scope && !(await problemConcerns(db, problemId, viewer.scope)))) throw notFound('Problem', problemId);
    return problem;
  }

  /** A comment of a problem the viewer may see; NOT_FOUND otherwise. */
  private async visibleComment(db: Db, viewer: Viewer, commentId: string): Promise<CommentRow> {
    const comment = await findComment(db, commentId);
    if (!comment) throw notFound('Comment', commentId);
    if (viewer.scope && !(await problemConcerns(db, comment.problemId, viewer.scope))) throw notFound('Comment', commentId);
    return comment;
  }

  /** The users a comment mentions: those given by id and those named @username in its text; every one must be an active user. */
  private async mentionsOf(db: Db, body: string, given: readonly string[]): Promise<string[]> {
    const names = mentionedUsernames(body);
    const { byId, byName } = await activeUsersNamed(db, given, names);
    given.forEach((id, i) => {
      if (!byId.some((u) => u.id === id)) throw badInput(`input.mentions[${i}]`, `input.mentions[${i}] names no active user.`);
    });
    const known = new Set(byName.map((u) => u.username.toLowerCase()));
    const unknown = names.find((n) => !known.has(n));
    if (unknown !== undefined) throw badInput('input.body', `input.body mentions @${unknown}, who is no active user of the hub.`);
    const all = [...new Set([...given, ...names.map((n) => byName.find((u) => u.username.toLowerCase() === n)!.id)])];
    if (all.length > MENTIONS_MAX) throw badInput('input.mentions', `A comment may mention at most ${MENTIONS_MAX} people.`);
    return all;
  }

  /** Posts a comment on a problem the viewer may see; the mentioned (other than the author) are told. */
  async addComment(viewer: Viewer, input: AddCommentFields): Promise<CommentRow> {
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const body = requiredText('input.body', input.body, COMMENT_MAX);
    const given = idList('input.mentions', input.mentions ?? [], 'User', 0, MENTIONS_MAX);
    return write(this.deps, async (tx, emit, now) => {
      await this.visibleProblem(tx, viewer, problemId);
      const mentioned = await this.mentionsOf(tx, body, given);
      const row = await insertComment(tx, {
        id: newId('Comment', now.getTime()),
        problemId,
        authorId: viewer.id,
        body,
        mentionedIds: JSON.stringify(mentioned),
        createdAt: now,
        editedAt: null,
        deletedAt: null,
        deletedBy: null,
        version: 1,
      });
      await emit({ type: 'COMMENT_ADDED', actorId: viewer.id, problemId, commentId: row.id }, { userIds: mentioned });
      return row;
    });
  }

  /**
   * The author rewrites their comment within the edit window (INVALID_TRANSITION after it, or once
   * deleted; FORBIDDEN for anyone else; CONFLICT on a stale version). Only the newly mentioned are told.
   */
  async editComment(viewer: Viewer, input: EditCommentFields): Promise<CommentRow> {
    const commentId = idOf('input.commentId', input.commentId, 'Comment');
    const body = requiredText('input.body', input.body, COMMENT_MAX);
    const given = idList('input.mentions', input.mentions ?? [], 'User', 0, MENTIONS_MAX);
    return write(this.deps, async (tx, emit, now) => {
      const comment = await this.visibleComment(tx, viewer, commentId);
      refuse(editRefusal(viewer, comment, now.getTime(), this.editWindowMs), 'editComment');
      if (comment.version !== input.expectedVersion) throw conflict(comment.version);
      const mentioned = await this.mentionsOf(tx, body, given);
      const before = mentionedOf(comment);
      const row = await updateCommentIfVersion(tx, comment.id, comment.version, {
        body,
        mentionedIds: JSON.stringify([...new Set([...before, ...mentioned])]),
        editedAt: now,
      });
      if (!row) throw conflict((await findComment(tx, comment.id))?.version ?? comment.version);
      await emit(
        { type: 'COMMENT_EDITED', actorId: viewer.id, problemId: comment.problemId, commentId: comment.id },
        { userIds: newlyMentioned(before, mentioned) },
      );
      return row;
    });
  }

  /**
   * Its author or an administrator deletes a comment: a tombstone stays in the thread (who deleted
   * it, when), the words are gone. INVALID_TRANSITION when deleted already; CONFLICT on a stale version.
   */
  async deleteComment(viewer: Viewer, input: DeleteCommentFields): Promise<CommentRow> {
    const commentId = idOf('input.commentId', input.commentId, 'Comment');
    return write(this.deps, async (tx, emit, now) => {
      const comment = await this.visibleComment(tx, viewer, commentId);
      refuse(deleteRefusal(viewer, comment), 'deleteComment');
      if (comment.version !== input.expectedVersion) throw conflict(comment.version);
      const row = await updateCommentIfVersion(tx, comment.id, comment.version, {
        body: null,
        mentionedIds: '[]',
        deletedAt: now,
        deletedBy: viewer.id,
      });
      if (!row) throw conflict((await findComment(tx, comment.id))?.version ?? comment.version);
      await emit({ type: 'COMMENT_DELETED', actorId: viewer.id, problemId: comment.problemId, commentId: comment.id });
      return row;
    });
  }

  /** The viewer follows a problem they may see (again: no change). */
  async follow(viewer: Viewer, problemIdInput: string): Promise<ProblemRow> {
    const problemId = idOf('input.problemId', problemIdInput, 'Problem');
    return write(this.deps, async (tx, _emit, now) => {
      const problem = await this.visibleProblem(tx, viewer, problemId);
      await addFollowers(tx, problemId, [viewer.id], 'MANUAL', now);
      return problem;
    });
  }

  /** The viewer stops following a problem they may see (not following: no change). */
  async unfollow(viewer: Viewer, problemIdInput: string): Promise<ProblemRow> {
    const problemId = idOf('input.problemId', problemIdInput, 'Problem');
    return write(this.deps, async (tx) => {
      const problem = await this.visibleProblem(tx, viewer, problemId);
      await removeFollower(tx, problemId, viewer.id);
      return problem;
    });
  }

  /**
   * The declared reaction (discussion/index.ts) that makes the people a problem's work lands on
   * follow it: whoever opened it, the owners of its actions (the branch managers over the action's
   * branch, or its department's experts) as each is assigned or reassigned, and the experts invited;
   * and a duplicate's followers follow the problem it is merged into.
   */
  async followOnEvent(tx: Db, event: HubEventRow, facts: EventFacts): Promise<void> {
    const problemId = event.problemId;
    if (!problemId) return;
    switch (event.type) {
      case 'PROBLEM_OPENED':
        if (event.actorId) await addFollowers(tx, problemId, [event.actorId], 'CREATOR', event.at);
        return;
      case 'ACTION_ASSIGNED':
      case 'ACTION_REASSIGNED': {
        const action = event.actionId ? await findAction(tx, event.actionId) : undefined;
        if (!action) return;
        const branch = action.branchId ? this.deps.org.get(action.branchId) : undefined;
        const ancestors = branch ? branch.path.split('/').filter(Boolean) : action.branchId ? [action.branchId] : [];
        await addFollowers(tx, problemId, await activeOwnerIds(tx, ancestors, action.departmentId), 'ASSIGNEE', event.at);
        return;
      }
      case 'CONSULTATION_OPENED':
        await addFollowers(tx, problemId, await invitedExperts(tx, problemId), 'EXPERT', event.at);
        return;
      case 'EXPERTS_INVITED':
        await addFollowers(tx, problemId, facts.userIds ?? [], 'EXPERT', event.at);
        return;
      case 'PROBLEM_MERGED': {
        // Who followed the duplicate follows where its feedback, actions and history went.
        const target = (await findProblem(tx, problemId))?.mergedIntoId;
        if (target) await copyFollowers(tx, problemId, target, event.at);
        return;
      }
      default:
        return;
    }
  }

  /**
   * Who the viewer may @mention on a problem: active users who may see it (a branch manager only when
   * the problem concerns their subtree). A branch manager is offered no manager of a branch outside
   * their own subtree, so that the list does not tell them which other branches the problem concerns.
   */
  async mentionable(viewer: Viewer, problemId: string): Promise<string[]> {
    const db = this.deps.store.read;
    const branches = (await branchIdsOfProblems(db, [problemId])).get(problemId) ?? new Set<string>();
    const seesProblem = (branchId: string | null) => {
      if (!branchId) return false;
      for (const b of this.deps.org.subtree(branchId)) if (branches.has(b)) return true;
      return false;
    };
    return (await activeUsers(db))
      .filter(
        (u) =>
          u.id !== viewer.id &&
          (u.role !== 'BRANCH_MANAGER' || (seesProblem(u.branchId) && (!viewer.scope || (!!u.branchId && viewer.scope.has(u.branchId))))),
      )
      .map((u) => u.id);
  }

  /** Until when a comment may be edited by its author. */
  editableUntil(comment: CommentRow): Date {
    return new Date(editableUntil(comment, this.editWindowMs));
  }

  /** Whether the viewer may edit / delete the comment now (what the web offers). */
  mayEdit(viewer: Viewer, comment: CommentRow): boolean {
    return editRefusal(viewer, comment, this.deps.clock.now().getTime(), this.editWindowMs) === null;
  }

  mayDelete(viewer: Viewer, comment: CommentRow): boolean {
    return deleteRefusal(viewer, comment) === null;
  }

  mentionedIds(comment: CommentRow): string[] {
    return mentionedOf(comment);
  }
}
