import { and, eq, inArray, max } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import { write, type Emit } from '../event/index.js';
import { canSeePersonalData, type Viewer } from '../core/viewer.rules.js';
import { maskPersonalData, searchCanReachMaskedText, visibleTextMatches } from '../core/mask.rules.js';
import { normaliseSearch, feedback } from '../feedback/index.js';
import type { Db } from '../core/db.js';
import { problems, diagnoses, diagnosisDepartments, type ROOT_CAUSES, type SEVERITIES } from './problem.table.js';
import { categories, departments } from '../org/index.js';
import { actions } from './action.table.js';
import { LABELS_OF_CORRECTION } from './problem.labels.js';
import { badInput, conflict, forbidden, invalidTransition, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { changed, first } from '../core/sql.js';
import { requiredText, idOf, idList } from '../core/validate.js';
import { roleMay, type Operation } from '../core/permissions.rules.js';
import { pageSize, decodeCursor, encodeCursor, type Page, pageOf, MAX_PAGE } from '../core/pagination.js';
import { nextProblemStatus, canResolve, mergeDuplicateProblem, declaredBranches, type ProblemOperation } from './problem.rules.js';
import {
  findProblem,
  pageProblems,
  countProblems,
  problemConcerns,
  updateProblemIfVersion,
  nextProblemCode,
  type ProblemRow,
  type ProblemQuery,
  matchingFeedbackOfProblems,
  factualBranchIds,
  declaredBranchIds,
  setDeclaredBranches,
} from './problem.repository.js';

/** How many search matches a re-check against the masked text reads at a time. */
const RECHECK_BATCH = 500;

export const TITLE_MAX = 200;
export const LONG_TEXT_MAX = 4000;
const MAX_FEEDBACK_PER_CALL = 500;

export interface ProblemFilterFields {
  status?: string[] | null;
  severity?: string[] | null;
  categoryId?: string | null;
  branchId?: string | null;
  search?: string | null;
}

/**
 * Loads a problem for a change: NOT_FOUND when missing or out of the viewer's scope, CONFLICT on a
 * stale version, INVALID_TRANSITION when the loop does not allow the operation from its status.
 */
export async function loadForChange(
  tx: Db,
  viewer: Viewer,
  problemId: string,
  expectedVersion: number | null,
  operation: ProblemOperation,
): Promise<{ problem: ProblemRow; to: ProblemRow['status'] }> {
  const problem = await findProblem(tx, problemId);
  if (!problem || (viewer.scope && !(await problemConcerns(tx, problemId, viewer.scope)))) throw notFound('Problem', problemId);
  if (expectedVersion !== null && problem.version !== expectedVersion) throw conflict(problem.version);
  const next = nextProblemStatus(problem.status, operation);
  if (!next.ok) throw invalidTransition(problem.status, operation);
  return { problem, to: next.to };
}

/** Writes the change with its version bump, or CONFLICT if someone got there first. */
export async function applyProblemChange(tx: Db, problem: ProblemRow, set: Partial<ProblemRow>, now: Date): Promise<ProblemRow> {
  const row = await updateProblemIfVersion(tx, problem.id, problem.version, { ...set, updatedAt: now });
  if (!row) throw conflict((await findProblem(tx, problem.id))?.version ?? problem.version);
  return row;
}

export function assertRole(viewer: Viewer, operation: Operation): void {
  if (!roleMay(viewer.role, operation)) throw forbidden(`Your role (${viewer.role}) may not ${operation}.`);
}

/** Every proposed department exists (BAD_USER_INPUT naming the first that does not). */
async function assertDepartments(tx: Db, departmentIds: readonly string[]): Promise<void> {
  const known = departmentIds.length
    ? await tx
        .select({ id: departments.id })
        .from(departments)
        .where(inArray(departments.id, [...departmentIds]))
    : [];
  const missing = departmentIds.findIndex((id) => !known.some((k) => k.id === id));
  if (missing >= 0) throw badInput(`input.proposedDepartmentIds[${missing}]`, 'This is not a department.');
}

/** What the analyst writes in a preliminary diagnosis (初诊), whether submitted first or revised later. */
interface DiagnosisInput {
  problemId: string;
  expectedVersion: number;
  summary: string;
  customerImpact: string;
  suspectedCause: (typeof ROOT_CAUSES)[number];
  proposedDepartmentIds: string[];
  severity?: (typeof SEVERITIES)[number] | null;
}

/** The diagnosis text and proposed departments, checked the same way on submission and on revision. */
function diagnosisFields(input: DiagnosisInput): { summary: string; customerImpact: string; departmentIds: string[] } {
  return {
    summary: requiredText('input.summary', input.summary, LONG_TEXT_MAX),
    customerImpact: requiredText('input.customerImpact', input.customerImpact, LONG_TEXT_MAX),
    departmentIds: idList('input.proposedDepartmentIds', input.proposedDepartmentIds, 'Department', 0, 20),
  };
}

/** The proposed departments of a diagnosis, in the order given. */
async function insertDiagnosisDepartments(tx: Db, problemId: string, departmentIds: readonly string[]): Promise<void> {
  for (const [position, departmentId] of departmentIds.entries())
    await tx.insert(diagnosisDepartments).values({ problemId, departmentId, position });
}

/** The problem a duplicate merges into: BAD_USER_INPUT when there is none, else loaded as for a change (still live). */
async function loadMergeTarget(tx: Db, viewer: Viewer, intoId: string): Promise<ProblemRow> {
  if (!(await findProblem(tx, intoId))) throw badInput('input.intoProblemId', 'input.intoProblemId is not a problem.');
  return (await loadForChange(tx, viewer, intoId, null, 'mergeInto')).problem;
}

/**
 * The end every merge shares (the contract's mergeProblem and the correction mergeDuplicate): the
 * duplicate ends pointing at its target, its feedback moves there, both versions move on, and the
 * two events say so.
 */
async function completeMerge(
  tx: Db,
  emit: Emit,
  viewer: Viewer,
  duplicate: { problem: ProblemRow; to: ProblemRow['status'] },
  target: ProblemRow,
  note: string,
  now: Date,
): Promise<ProblemRow> {
  const { problem, to } = duplicate;
  const row = await applyProblemChange(tx, problem, { status: to, mergedIntoId: target.id }, now);
  const moved = changed(await tx.update(feedback).set({ problemId: target.id }).where(eq(feedback.problemId, problem.id)));
  await applyProblemChange(tx, target, {}, now);
  await emit({ type: 'PROBLEM_MERGED', actorId: viewer.id, problemId: problem.id, fromStatus: problem.status, toStatus: to, note });
  await emit({ type: 'FEEDBACK_ATTACHED', actorId: viewer.id, problemId: target.id, note: `${moved}` });
  return row;
}

/** Feedback that may join a problem: it exists and belongs to no other problem yet. */
async function takeFeedback(tx: Db, field: string, ids: readonly string[], problemId: string): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await tx
    .select({ id: feedback.id, problemId: feedback.problemId })
    .from(feedback)
    .where(inArray(feedback.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const fresh: string[] = [];
  ids.forEach((id, i) => {
    const row = byId.get(id);
    if (!row) throw badInput(`${field}[${i}]`, `${field}[${i}] is not a feedback item.`);
    if (row.problemId && row.problemId !== problemId)
      throw badInput(`${field}[${i}]`, `Feedback ${id} already belongs to another problem.`);
    if (!row.problemId) fresh.push(id);
  });
  return fresh;
}

/** Problems: grouping feedback, the diagnosis, and the problem-level steps of the loop. */
export class ProblemService {
  constructor(private readonly deps: HubDeps) {}

  /** Opens a problem from feedback items that belong to no problem yet (status OPEN). */
  async open(
    viewer: Viewer,
    input: { title: string; categoryId: string; severity: (typeof SEVERITIES)[number]; feedbackIds: string[] },
  ): Promise<ProblemRow> {
    assertRole(viewer, 'openProblem');
    const title = requiredText('input.title', input.title, TITLE_MAX);
    const categoryId = idOf('input.categoryId', input.categoryId, 'Category');
    const feedbackIds = idList('input.feedbackIds', input.feedbackIds, 'Feedback', 0, MAX_FEEDBACK_PER_CALL);
    return write(this.deps, async (tx, emit, now) => {
      if (!(await first(tx.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)))))
        throw badInput('input.categoryId', 'input.categoryId is not a category.');
      const id = newId('Problem', now.getTime());
      const fresh = await takeFeedback(tx, 'input.feedbackIds', feedbackIds, id);
      const problem = (await first(
        tx
          .insert(problems)
          .values({
            id,
            code: await nextProblemCode(tx, now.getUTCFullYear()),
            title,
            status: 'OPEN',
            severity: input.severity,
            categoryId,
            version: 1,
            createdAt: now,
            updatedAt: now,
            createdBy: viewer.id,
          })
          .returning(),
      ))!;
      if (fresh.length) await tx.update(feedback).set({ problemId: id }).where(inArray(feedback.id, fresh));
      await emit({ type: 'PROBLEM_OPENED', actorId: viewer.id, problemId: id, toStatus: 'OPEN', note: title });
      return problem;
    });
  }

  /** Adds feedback to a live problem. */
  async attachFeedback(viewer: Viewer, input: { problemId: string; expectedVersion: number; feedbackIds: string[] }): Promise<ProblemRow> {
    assertRole(viewer, 'attachFeedback');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const feedbackIds = idList('input.feedbackIds', input.feedbackIds, 'Feedback', 1, MAX_FEEDBACK_PER_CALL);
    return write(this.deps, async (tx, emit, now) => {
      const { problem } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'attachFeedback');
      const fresh = await takeFeedback(tx, 'input.feedbackIds', feedbackIds, problem.id);
      const row = await applyProblemChange(tx, problem, {}, now);
      if (fresh.length) await tx.update(feedback).set({ problemId: problem.id }).where(inArray(feedback.id, fresh));
      await emit({ type: 'FEEDBACK_ATTACHED', actorId: viewer.id, problemId: problem.id, note: `${fresh.length}` });
      return row;
    });
  }

  /** Marks a problem as a duplicate: its feedback moves to the target, which must still be live. */
  async merge(viewer: Viewer, input: { problemId: string; expectedVersion: number; intoProblemId: string }): Promise<ProblemRow> {
    assertRole(viewer, 'mergeProblem');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const intoId = idOf('input.intoProblemId', input.intoProblemId, 'Problem');
    if (intoId === problemId) throw badInput('input.intoProblemId', 'A problem cannot be merged into itself.');
    return write(this.deps, async (tx, emit, now) => {
      const { problem, to } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'merge');
      const target = await loadMergeTarget(tx, viewer, intoId);
      return completeMerge(tx, emit, viewer, { problem, to }, target, target.code, now);
    });
  }

  /**
   * Correction by the coordinator: a live problem's title, category, severity or branches, with the
   * reason. Branches replace the problem's list, but those its feedback came from or its actions
   * are in stay (BAD_USER_INPUT naming the first missing one): detach the feedback or reassign the
   * action instead.
   */
  async correct(
    viewer: Viewer,
    input: {
      problemId: string;
      expectedVersion: number;
      reason: string;
      title?: string | null;
      categoryId?: string | null;
      severity?: (typeof SEVERITIES)[number] | null;
      branchIds?: string[] | null;
    },
  ): Promise<ProblemRow> {
    assertRole(viewer, 'correctProblem');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const reason = requiredText('input.reason', input.reason, LONG_TEXT_MAX);
    const title = input.title === null || input.title === undefined ? null : requiredText('input.title', input.title, TITLE_MAX);
    const categoryId = input.categoryId ? idOf('input.categoryId', input.categoryId, 'Category') : null;
    const branchIds = input.branchIds ? idList('input.branchIds', input.branchIds, 'Branch', 0, 500) : null;
    if (title === null && !categoryId && !input.severity && !branchIds)
      throw badInput('input', 'Name at least one of title, categoryId, severity and branchIds to correct.');
    return write(this.deps, async (tx, emit, now) => {
      const { problem } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'correct');
      if (categoryId && !(await first(tx.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)))))
        throw badInput('input.categoryId', 'input.categoryId is not a category.');
      const changes: string[] = [];
      const set: Partial<ProblemRow> = {};
      if (title !== null && title !== problem.title) {
        set.title = title;
        changes.push(LABELS_OF_CORRECTION.title);
      }
      if (categoryId && categoryId !== problem.categoryId) {
        set.categoryId = categoryId;
        changes.push(LABELS_OF_CORRECTION.category);
      }
      if (input.severity && input.severity !== problem.severity) {
        set.severity = input.severity;
        changes.push(`${LABELS_OF_CORRECTION.severity} ${problem.severity} → ${input.severity}`);
      }
      if (branchIds) {
        branchIds.forEach((id, i) => {
          if (!this.deps.org.get(id)) throw badInput(`input.branchIds[${i}]`, 'This is not a branch.');
        });
        const plan = declaredBranches(branchIds, await factualBranchIds(tx, problemId));
        if (!plan.ok)
          throw badInput(
            'input.branchIds',
            `${this.deps.org.get(plan.missing)?.name ?? plan.missing} has this problem's feedback or actions; detach the feedback or reassign the action instead.`,
          );
        const before = new Set(await declaredBranchIds(tx, problemId));
        if (before.size !== plan.declared.length || plan.declared.some((id) => !before.has(id))) {
          await setDeclaredBranches(tx, problemId, plan.declared);
          changes.push(LABELS_OF_CORRECTION.branches);
        }
      }
      if (!changes.length) throw badInput('input', 'The problem already reads so: nothing to correct.');
      const row = await applyProblemChange(tx, problem, set, now);
      await emit({ type: 'PROBLEM_CORRECTED', actorId: viewer.id, problemId, note: `${changes.join('、')}：${reason}` });
      return row;
    });
  }

  /**
   * Correction by the analyst: the preliminary diagnosis is rewritten, with the reason, until a
   * consultation opens on it (DIAGNOSED only; INVALID_TRANSITION after).
   */
  async reviseDiagnosis(viewer: Viewer, input: DiagnosisInput & { reason: string }): Promise<ProblemRow> {
    assertRole(viewer, 'reviseDiagnosis');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const reason = requiredText('input.reason', input.reason, LONG_TEXT_MAX);
    const { summary, customerImpact, departmentIds } = diagnosisFields(input);
    return write(this.deps, async (tx, emit, now) => {
      const { problem } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'reviseDiagnosis');
      await assertDepartments(tx, departmentIds);
      const row = await applyProblemChange(tx, problem, { severity: input.severity ?? problem.severity }, now);
      await tx
        .update(diagnoses)
        .set({ authorId: viewer.id, summary, customerImpact, suspectedCause: input.suspectedCause, submittedAt: now })
        .where(eq(diagnoses.problemId, problemId));
      await tx.delete(diagnosisDepartments).where(eq(diagnosisDepartments.problemId, problemId));
      await insertDiagnosisDepartments(tx, problemId, departmentIds);
      await emit({ type: 'DIAGNOSIS_REVISED', actorId: viewer.id, problemId, note: reason });
      return row;
    });
  }

  /**
   * Correction by the analyst: feedback attached by mistake leaves a live problem, with the reason,
   * and returns to the inbox (unassigned). Each item must belong to this problem.
   */
  async detachFeedback(
    viewer: Viewer,
    input: { problemId: string; expectedVersion: number; feedbackIds: string[]; reason: string },
  ): Promise<ProblemRow> {
    assertRole(viewer, 'detachFeedback');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const feedbackIds = idList('input.feedbackIds', input.feedbackIds, 'Feedback', 1, MAX_FEEDBACK_PER_CALL);
    const reason = requiredText('input.reason', input.reason, LONG_TEXT_MAX);
    return write(this.deps, async (tx, emit, now) => {
      const { problem } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'detachFeedback');
      const rows = await tx
        .select({ id: feedback.id, problemId: feedback.problemId, branchId: feedback.branchId })
        .from(feedback)
        .where(inArray(feedback.id, feedbackIds));
      feedbackIds.forEach((id, i) => {
        if (rows.find((r) => r.id === id)?.problemId !== problemId)
          throw badInput(`input.feedbackIds[${i}]`, `Feedback ${id} does not belong to this problem.`);
      });
      const row = await applyProblemChange(tx, problem, {}, now);
      await tx
        .update(feedback)
        .set({ problemId: null })
        .where(and(inArray(feedback.id, feedbackIds), eq(feedback.problemId, problemId)));
      await emit({ type: 'FEEDBACK_DETACHED', actorId: viewer.id, problemId, note: `${feedbackIds.length}：${reason}` });
      return row;
    });
  }

  /**
   * Correction by the analyst: a duplicate found at any open stage joins its target, with the
   * reason. Its feedback and its actions move to the target (the actions at the end of its linkage
   * table), its history is shown in the target's, and it ends MERGED pointing at the target. Its
   * live actions need a target in REMEDIATING (mergeDuplicateProblem); the contract's mergeProblem
   * keeps its narrower rule (before REMEDIATING only).
   */
  async mergeDuplicate(
    viewer: Viewer,
    input: { problemId: string; expectedVersion: number; intoProblemId: string; reason: string },
  ): Promise<ProblemRow> {
    assertRole(viewer, 'mergeProblems');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const intoId = idOf('input.intoProblemId', input.intoProblemId, 'Problem');
    const reason = requiredText('input.reason', input.reason, LONG_TEXT_MAX);
    if (intoId === problemId) throw badInput('input.intoProblemId', 'A problem cannot be merged into itself.');
    return write(this.deps, async (tx, emit, now) => {
      const { problem, to } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'mergeDuplicate');
      const target = await loadMergeTarget(tx, viewer, intoId);
      const carried = await tx
        .select({ id: actions.id, status: actions.status, position: actions.position })
        .from(actions)
        .where(eq(actions.problemId, problemId))
        .orderBy(actions.position);
      const why = mergeDuplicateProblem(
        target.status,
        carried.map((a) => a.status),
      );
      if (why) throw invalidTransition(target.status, `mergeProblems: ${why}`);
      const last =
        (
          await first(
            tx
              .select({ p: max(actions.position) })
              .from(actions)
              .where(eq(actions.problemId, target.id)),
          )
        )?.p ?? -1;
      for (const [i, a] of carried.entries())
        await tx
          .update(actions)
          .set({ problemId: target.id, position: last + 1 + i, updatedAt: now })
          .where(eq(actions.id, a.id));
      return completeMerge(tx, emit, viewer, { problem, to }, target, `${target.code}：${reason}`, now);
    });
  }

  /** Closes a problem that needs no work, with the reason. */
  async dismiss(viewer: Viewer, input: { problemId: string; expectedVersion: number; reason: string }): Promise<ProblemRow> {
    assertRole(viewer, 'dismissProblem');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const reason = requiredText('input.reason', input.reason, LONG_TEXT_MAX);
    return write(this.deps, async (tx, emit, now) => {
      const { problem, to } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'dismiss');
      const row = await applyProblemChange(tx, problem, { status: to, dismissReason: reason }, now);
      await emit({ type: 'PROBLEM_DISMISSED', actorId: viewer.id, problemId, fromStatus: problem.status, toStatus: to, note: reason });
      return row;
    });
  }

  /** The contact center's preliminary diagnosis (初诊): OPEN → DIAGNOSED. */
  async submitDiagnosis(viewer: Viewer, input: DiagnosisInput): Promise<ProblemRow> {
    assertRole(viewer, 'submitDiagnosis');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const { summary, customerImpact, departmentIds } = diagnosisFields(input);
    return write(this.deps, async (tx, emit, now) => {
      const { problem, to } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'submitDiagnosis');
      await assertDepartments(tx, departmentIds);
      const row = await applyProblemChange(
        tx,
        problem,
        { status: to, severity: input.severity ?? problem.severity, diagnosedAt: now },
        now,
      );
      await tx
        .insert(diagnoses)
        .values({ problemId, authorId: viewer.id, summary, customerImpact, suspectedCause: input.suspectedCause, submittedAt: now });
      await insertDiagnosisDepartments(tx, problemId, departmentIds);
      await emit({ type: 'DIAGNOSIS_SUBMITTED', actorId: viewer.id, problemId, fromStatus: problem.status, toStatus: to, note: summary });
      return row;
    });
  }

  /** Closes the loop: VERIFYING → RESOLVED, only when every action is confirmed. */
  async resolve(viewer: Viewer, input: { problemId: string; expectedVersion: number; note: string }): Promise<ProblemRow> {
    assertRole(viewer, 'resolveProblem');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const note = requiredText('input.note', input.note, LONG_TEXT_MAX);
    return write(this.deps, async (tx, emit, now) => {
      const { problem, to } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'resolve');
      const statuses = await tx.select({ status: actions.status }).from(actions).where(eq(actions.problemId, problemId));
      if (!canResolve(statuses.map((s) => s.status))) throw invalidTransition(problem.status, 'resolve with unconfirmed actions');
      const row = await applyProblemChange(tx, problem, { status: to, resolvedAt: now }, now);
      await emit({ type: 'PROBLEM_RESOLVED', actorId: viewer.id, problemId, fromStatus: problem.status, toStatus: to, note });
      return row;
    });
  }

  /** The feedback came back: VERIFYING or RESOLVED → REMEDIATING, so that new actions can be added. */
  async reopen(viewer: Viewer, input: { problemId: string; expectedVersion: number; reason: string }): Promise<ProblemRow> {
    assertRole(viewer, 'reopenProblem');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const reason = requiredText('input.reason', input.reason, LONG_TEXT_MAX);
    return write(this.deps, async (tx, emit, now) => {
      const { problem, to } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'reopen');
      const row = await applyProblemChange(tx, problem, { status: to, resolvedAt: null, verifyingAt: null }, now);
      await emit({ type: 'PROBLEM_REOPENED', actorId: viewer.id, problemId, fromStatus: problem.status, toStatus: to, note: reason });
      return row;
    });
  }

  queryFor(viewer: Viewer, filter: ProblemFilterFields | null | undefined): ProblemQuery {
    const search = filter?.search?.trim() || null;
    if (search && search.length > 200) throw badInput('filter.search', 'filter.search may have at most 200 characters.');
    let branchIds: string[] | null = viewer.scope ? [...viewer.scope] : null;
    if (filter?.branchId) {
      const sub = this.deps.org.subtree(filter.branchId);
      branchIds = [...sub].filter((id) => !viewer.scope || viewer.scope.has(id));
    }
    return {
      statuses: filter?.status ?? null,
      severities: filter?.severity ?? null,
      categoryId: filter?.categoryId ?? null,
      branchIds,
      search,
      readableBranchIds: viewer.scope ? [...viewer.scope] : null,
    };
  }

  async list(
    viewer: Viewer,
    filter: ProblemFilterFields | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<ProblemRow>> {
    const limit = pageSize(first);
    const key = decodeCursor(after, ['number', 'string']) as [number, string] | null;
    const q = this.queryFor(viewer, filter);
    if (q.search && !canSeePersonalData(viewer, null) && searchCanReachMaskedText(q.search))
      return await this.listShownMatches(viewer, q, q.search, limit, key);
    const rows = await pageProblems(this.deps.store.read, q, limit + 1, key);
    return pageOf(rows, limit, await countProblems(this.deps.store.read, q), (p) => encodeCursor([p.createdAt.getTime(), p.id]));
  }

  /**
   * Every problem a filter selects for this viewer, newest first, in batches read by keyset: what a
   * list export streams. A search that could reach masked digits goes through `list`'s re-check,
   * page by page, so the export holds exactly what the list shows.
   */
  async *scan(viewer: Viewer, filter: ProblemFilterFields | null | undefined, batch = 500): AsyncGenerator<ProblemRow[]> {
    const q = this.queryFor(viewer, filter);
    if (q.search && !canSeePersonalData(viewer, null) && searchCanReachMaskedText(q.search)) {
      let after: string | null = null;
      for (;;) {
        const page: Page<ProblemRow> = await this.list(viewer, filter, MAX_PAGE, after);
        const last = page.nodes[page.nodes.length - 1];
        if (last) yield page.nodes;
        if (!last || !page.hasNextPage) return;
        after = page.cursorOf(last);
      }
    }
    let cursor: [number, string] | null = null;
    for (;;) {
      const rows = await pageProblems(this.deps.store.read, q, batch, cursor);
      const last = rows[rows.length - 1];
      if (!last) return;
      yield rows;
      if (rows.length < batch) return;
      cursor = [last.createdAt.getTime(), last.id];
    }
  }

  /**
   * A search that could match hidden digits, for a viewer shown masked text: a problem matched
   * in the clear is kept only if its code, its title as this viewer is shown it, or the text of
   * a feedback item the viewer may read, as shown to them, matches too. Search must not confirm
   * a digit the viewer cannot see. Every match is re-checked, in batches, for the count.
   */
  private async listShownMatches(
    viewer: Viewer,
    q: ProblemQuery,
    rawSearch: string,
    limit: number,
    after: [number, string] | null,
  ): Promise<Page<ProblemRow>> {
    const db = this.deps.store.read;
    const search = normaliseSearch(rawSearch);
    const shows = (text: string, recordedBy: string | null) =>
      visibleTextMatches(normaliseSearch(canSeePersonalData(viewer, recordedBy) ? text : maskPersonalData(text)), search);
    const nodes: ProblemRow[] = [];
    let totalCount = 0;
    let cursor: [number, string] | null = null;
    for (;;) {
      const batch = await pageProblems(db, q, RECHECK_BATCH, cursor);
      const rest = batch.filter((p) => !visibleTextMatches(p.code, search) && !shows(p.title, null));
      const shownByFeedback = new Set(
        (
          await matchingFeedbackOfProblems(
            db,
            rest.map((p) => p.id),
            q.readableBranchIds ?? null,
            rawSearch,
          )
        )
          .filter((f) => shows(f.text, f.recordedBy))
          .map((f) => f.problemId),
      );
      const unshown = new Set(rest.filter((p) => !shownByFeedback.has(p.id)).map((p) => p.id));
      for (const p of batch) {
        if (unshown.has(p.id)) continue;
        totalCount++;
        const at = p.createdAt.getTime();
        if (nodes.length <= limit && (!after || at < after[0] || (at === after[0] && p.id < after[1]))) nodes.push(p);
      }
      const last = batch[batch.length - 1];
      if (!last || batch.length < RECHECK_BATCH) break;
      cursor = [last.createdAt.getTime(), last.id];
    }
    return {
      nodes: nodes.slice(0, limit),
      hasNextPage: nodes.length > limit,
      totalCount,
      cursorOf: (p) => encodeCursor([p.createdAt.getTime(), p.id]),
    };
  }

  /** For each problem, the problems merged straight into it (mergeProblem, mergeProblems). */
  async duplicatesOf(problemIds: readonly string[]): Promise<string[][]> {
    const rows = await this.deps.store.read
      .select({ id: problems.id, into: problems.mergedIntoId })
      .from(problems)
      .where(inArray(problems.mergedIntoId, [...problemIds]));
    return problemIds.map((id) => rows.filter((r) => r.into === id).map((r) => r.id));
  }

  /** One problem, or null when it does not exist or lies outside the viewer's scope. */
  async find(viewer: Viewer, id: string): Promise<ProblemRow | null> {
    const problem = await findProblem(this.deps.store.read, id);
    if (!problem) return null;
    if (viewer.scope && !(await problemConcerns(this.deps.store.read, id, viewer.scope))) return null;
    return problem;
  }
}
