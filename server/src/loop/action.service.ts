import { and, eq, sql, max } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import type { Emit } from '../event/index.js';
import { write } from '../event/index.js';
import type { Viewer } from '../core/viewer.rules.js';
import type { Db } from '../core/db.js';
import { actions, actionUpdates, extensionRequests } from './action.table.js';
import { departments } from '../org/index.js';
import { AppError, badInput, conflict, forbidden, invalidTransition, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { first } from '../core/sql.js';
import { requiredText, idOf, validDate } from '../core/validate.js';
import { mayWorkOnAction } from '../core/permissions.rules.js';
import { pageSize, decodeCursor, encodeCursor, type Page, pageOf } from '../core/pagination.js';
import { nextActionStatus, extensionRequestProblem, reassignProblem, newDueDateProblem, type ActionOperation } from './action.rules.js';
import { shouldStartVerification } from './problem.rules.js';
import { findProblem } from './problem.repository.js';
import { loadForChange, applyProblemChange, assertRole, TITLE_MAX, LONG_TEXT_MAX } from './problem.service.js';
import { findAction, pageActions, countActions, latestExtensions, type ActionRow, type ActionQuery } from './action.repository.js';

export interface ActionFields {
  branchId?: string | null;
  departmentId?: string | null;
  title: string;
  description: string;
  dueAt: Date;
}

export interface ValidActionFields {
  branchId: string | null;
  departmentId: string | null;
  title: string;
  description: string;
  dueAt: Date;
}

/** One row of the linkage table: exactly one of branch and department, a title, a due date ahead. */
export function validateActionInput(field: string, input: ActionFields, now: Date): ValidActionFields {
  const hasBranch = !!input.branchId;
  const hasDepartment = !!input.departmentId;
  if (hasBranch === hasDepartment) throw badInput(`${field}.branchId`, `${field} needs exactly one of branchId and departmentId.`);
  const dueAt = validDate(`${field}.dueAt`, input.dueAt);
  if (dueAt.getTime() <= now.getTime()) throw badInput(`${field}.dueAt`, `${field}.dueAt must be in the future.`);
  return {
    branchId: hasBranch ? idOf(`${field}.branchId`, input.branchId!, 'Branch') : null,
    departmentId: hasDepartment ? idOf(`${field}.departmentId`, input.departmentId!, 'Department') : null,
    title: requiredText(`${field}.title`, input.title, TITLE_MAX),
    description:
      input.description.trim().length > LONG_TEXT_MAX
        ? requiredText(`${field}.description`, input.description, LONG_TEXT_MAX)
        : input.description.trim(),
    dueAt,
  };
}

/** A pending extension request made moot by a correction: WITHDRAWN, by the one who corrected. */
async function withdrawPendingExtension(tx: Db, actionId: string, by: string, now: Date): Promise<void> {
  await tx
    .update(extensionRequests)
    .set({ decision: 'WITHDRAWN', decidedBy: by, decidedAt: now })
    .where(and(eq(extensionRequests.actionId, actionId), eq(extensionRequests.decision, 'PENDING')));
}

/** Adds a row to a problem's linkage table inside the caller's transaction, with its event. */
export async function insertAction(
  tx: Db,
  emit: Emit,
  deps: HubDeps,
  viewer: Viewer,
  problemId: string,
  fields: ValidActionFields,
  now: Date,
  field: string,
): Promise<ActionRow> {
  if (fields.branchId && !deps.org.get(fields.branchId)) throw badInput(`${field}.branchId`, `${field}.branchId is not a branch.`);
  if (
    fields.departmentId &&
    !(await first(tx.select({ id: departments.id }).from(departments).where(eq(departments.id, fields.departmentId))))
  )
    throw badInput(`${field}.departmentId`, `${field}.departmentId is not a department.`);
  const last =
    (
      await first(
        tx
          .select({ p: max(actions.position) })
          .from(actions)
          .where(eq(actions.problemId, problemId)),
      )
    )?.p ?? -1;
  const row = (await first(
    tx
      .insert(actions)
      .values({
        id: newId('LinkageAction', now.getTime()),
        problemId,
        ...fields,
        status: 'ASSIGNED',
        version: 1,
        position: last + 1,
        createdAt: now,
        updatedAt: now,
        createdBy: viewer.id,
      })
      .returning(),
  ))!;
  await emit({
    type: 'ACTION_ASSIGNED',
    actorId: viewer.id,
    problemId,
    actionId: row.id,
    branchId: row.branchId,
    toStatus: 'ASSIGNED',
    note: row.title,
  });
  return row;
}

export interface ActionFilterFields {
  status?: string[] | null;
  overdue?: boolean | null;
  branchId?: string | null;
  extensionPending?: boolean | null;
}

/** Who acted on which action: what every event about an action names (its problem, and the branch it is in, whose people hear of it). */
function aboutAction(viewer: Viewer, action: Pick<ActionRow, 'id' | 'problemId' | 'branchId'>) {
  return { actorId: viewer.id, problemId: action.problemId, actionId: action.id, branchId: action.branchId };
}

/** The linkage table's actions: the branches' side of the loop and the coordinator's checks. */
export class ActionService {
  constructor(private readonly deps: HubDeps) {}

  /** Adds an action to a problem in REMEDIATING (e.g. after a reopen). */
  async add(viewer: Viewer, input: { problemId: string; action: ActionFields }): Promise<ActionRow> {
    assertRole(viewer, 'addAction');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const fields = validateActionInput('input.action', input.action, this.deps.clock.now());
    return write(this.deps, async (tx, emit, now) => {
      const { problem } = await loadForChange(tx, viewer, problemId, null, 'addAction');
      await applyProblemChange(tx, problem, {}, now);
      return insertAction(tx, emit, this.deps, viewer, problemId, fields, now, 'input.action');
    });
  }

  /** The branch takes the action on: ASSIGNED → ACCEPTED. */
  accept(viewer: Viewer, input: { actionId: string; expectedVersion: number }): Promise<ActionRow> {
    return this.step(viewer, input.actionId, input.expectedVersion, 'accept', 'owner', null);
  }

  /** A progress note; moves ACCEPTED or RETURNED work to IN_PROGRESS. */
  reportProgress(viewer: Viewer, input: { actionId: string; expectedVersion: number; note: string }): Promise<ActionRow> {
    return this.stepWithText(viewer, input, 'note', 'reportProgress', 'owner');
  }

  /** The branch hands in its work with evidence: IN_PROGRESS → SUBMITTED. */
  submit(viewer: Viewer, input: { actionId: string; expectedVersion: number; evidence: string }): Promise<ActionRow> {
    return this.stepWithText(viewer, input, 'evidence', 'submit', 'owner');
  }

  /** The coordinator accepts the work; the last confirmation starts verification by itself. */
  confirm(viewer: Viewer, input: { actionId: string; expectedVersion: number }): Promise<ActionRow> {
    return this.step(viewer, input.actionId, input.expectedVersion, 'confirm', 'coordinator', null);
  }

  /** The coordinator sends the work back to the branch with the reason. */
  returnAction(viewer: Viewer, input: { actionId: string; expectedVersion: number; reason: string }): Promise<ActionRow> {
    const reason = requiredText('input.reason', input.reason, LONG_TEXT_MAX);
    return this.step(viewer, input.actionId, input.expectedVersion, 'return', 'coordinator', reason);
  }

  /** The branch asks for a later due date; it waits PENDING until the coordinator decides. */
  async requestExtension(viewer: Viewer, input: { actionId: string; dueAt: Date; reason: string }): Promise<ActionRow> {
    assertRole(viewer, 'requestExtension');
    const actionId = idOf('input.actionId', input.actionId, 'LinkageAction');
    const dueAt = validDate('input.dueAt', input.dueAt);
    const reason = requiredText('input.reason', input.reason, LONG_TEXT_MAX);
    return write(this.deps, async (tx, emit, now) => {
      const action = await this.loadAction(tx, viewer, actionId);
      if (!mayWorkOnAction(viewer, action)) throw forbidden('Only the branch or department that owns this action may ask to extend it.');
      if (!nextActionStatus(action.status, 'requestExtension').ok) throw invalidTransition(action.status, 'requestExtension');
      const pending = (await latestExtensions(tx, [actionId])).get(actionId)?.decision === 'PENDING';
      const problem = extensionRequestProblem(pending, action.dueAt, dueAt, now);
      if (problem)
        throw problem.code === 'BAD_USER_INPUT' ? badInput('input.dueAt', problem.message) : new AppError(problem.code, problem.message);
      await tx.insert(extensionRequests).values({
        actionId,
        requestedDueAt: dueAt,
        previousDueAt: action.dueAt,
        reason,
        decision: 'PENDING',
        requestedBy: viewer.id,
        requestedAt: now,
      });
      const row = await this.bump(tx, action, {}, now);
      await emit({
        type: 'EXTENSION_REQUESTED',
        ...aboutAction(viewer, action),
        note: reason,
      });
      return row;
    });
  }

  /**
   * The coordinator grants (moving dueAt) or refuses a pending extension; a grant may set another
   * date than the one asked (`grantedDueAt`: later than the current due date, in the future).
   */
  async decideExtension(viewer: Viewer, input: { actionId: string; grant: boolean; grantedDueAt?: Date | null }): Promise<ActionRow> {
    assertRole(viewer, 'decideExtension');
    const actionId = idOf('input.actionId', input.actionId, 'LinkageAction');
    const granted = input.grantedDueAt ? validDate('input.grantedDueAt', input.grantedDueAt) : null;
    if (granted && !input.grant) throw badInput('input.grantedDueAt', 'A date is granted only with grant: true.');
    return write(this.deps, async (tx, emit, now) => {
      const action = await this.loadAction(tx, viewer, actionId);
      const request = (await latestExtensions(tx, [actionId])).get(actionId);
      if (request?.decision !== 'PENDING') throw invalidTransition(request?.decision ?? 'NONE', 'decideExtension');
      if (granted) {
        const why =
          granted.getTime() <= action.dueAt.getTime()
            ? 'The granted due date must be later than the current one.'
            : newDueDateProblem(action.dueAt, granted, now);
        if (why) throw badInput('input.grantedDueAt', why);
      }
      const decision = input.grant ? 'GRANTED' : 'REFUSED';
      const grantedDueAt = granted && granted.getTime() !== request.requestedDueAt.getTime() ? granted : null;
      await tx
        .update(extensionRequests)
        .set({ decision, decidedBy: viewer.id, decidedAt: now, grantedDueAt })
        .where(eq(extensionRequests.id, request.id));
      const row = await this.bump(tx, action, input.grant ? { dueAt: grantedDueAt ?? request.requestedDueAt } : {}, now);
      await emit({
        type: 'EXTENSION_DECIDED',
        ...aboutAction(viewer, action),
        toStatus: decision,
        note: decision,
      });
      return row;
    });
  }

  /**
   * Correction by the owner (the branch manager of its branch, or an expert of its department): the
   * row was sent to them by mistake. DECLINED, with the reason, it waits on the coordinator to
   * reassign or cancel it.
   */
  declineAction(viewer: Viewer, input: { actionId: string; expectedVersion: number; reason: string }): Promise<ActionRow> {
    return this.stepWithText(viewer, input, 'reason', 'decline', 'owner');
  }

  /**
   * Correction by the coordinator: withdraws a row before it is confirmed. CANCELLED, it stays in
   * the table with its reason and no longer holds the problem back: if every other row is
   * confirmed, the problem moves on to verification.
   */
  cancelAction(viewer: Viewer, input: { actionId: string; expectedVersion: number; reason: string }): Promise<ActionRow> {
    return this.stepWithText(viewer, input, 'reason', 'cancel', 'coordinator');
  }

  /**
   * Correction by the coordinator: the row goes to another branch or department and starts over
   * there (ASSIGNED, to be accepted by its new owner, who is notified); a pending extension is
   * withdrawn; a new due date may come with it.
   */
  async reassignAction(
    viewer: Viewer,
    input: {
      actionId: string;
      expectedVersion: number;
      branchId?: string | null;
      departmentId?: string | null;
      dueAt?: Date | null;
      reason: string;
    },
  ): Promise<ActionRow> {
    assertRole(viewer, 'reassignAction');
    const actionId = idOf('input.actionId', input.actionId, 'LinkageAction');
    const reason = requiredText('input.reason', input.reason, LONG_TEXT_MAX);
    if (!!input.branchId === !!input.departmentId) throw badInput('input.branchId', 'Name exactly one of branchId and departmentId.');
    const target = {
      branchId: input.branchId ? idOf('input.branchId', input.branchId, 'Branch') : null,
      departmentId: input.departmentId ? idOf('input.departmentId', input.departmentId, 'Department') : null,
    };
    const dueAt = input.dueAt ? validDate('input.dueAt', input.dueAt) : null;
    return write(this.deps, async (tx, emit, now) => {
      const action = await this.loadAction(tx, viewer, actionId);
      if (action.version !== input.expectedVersion) throw conflict(action.version);
      const next = nextActionStatus(action.status, 'reassign');
      if (!next.ok) throw invalidTransition(action.status, 'reassignAction');
      if (target.branchId && !this.deps.org.get(target.branchId)) throw badInput('input.branchId', 'input.branchId is not a branch.');
      if (
        target.departmentId &&
        !(await first(tx.select({ id: departments.id }).from(departments).where(eq(departments.id, target.departmentId))))
      )
        throw badInput('input.departmentId', 'input.departmentId is not a department.');
      const same = reassignProblem(action, target);
      if (same) throw badInput(target.branchId ? 'input.branchId' : 'input.departmentId', same);
      if (dueAt) {
        const why = dueAt.getTime() <= now.getTime() ? 'The due date must be in the future.' : undefined;
        if (why) throw badInput('input.dueAt', why);
      }
      await withdrawPendingExtension(tx, actionId, viewer.id, now);
      const row = await this.bump(tx, action, { ...target, status: next.to, statusReason: reason, ...(dueAt ? { dueAt } : {}) }, now);
      await tx.insert(actionUpdates).values({ actionId, authorId: viewer.id, note: reason, status: next.to, at: now });
      await emit({
        type: 'ACTION_REASSIGNED',
        actorId: viewer.id,
        problemId: action.problemId,
        actionId,
        // The event follows the action to its new owner, who is notified of it.
        branchId: row.branchId,
        fromStatus: action.status,
        toStatus: next.to,
        note: reason,
      });
      return row;
    });
  }

  /** Correction by the coordinator: a new due date (in the future), with the reason; a pending extension is withdrawn. */
  async changeActionDueDate(
    viewer: Viewer,
    input: { actionId: string; expectedVersion: number; dueAt: Date; reason: string },
  ): Promise<ActionRow> {
    assertRole(viewer, 'changeActionDueDate');
    const actionId = idOf('input.actionId', input.actionId, 'LinkageAction');
    const dueAt = validDate('input.dueAt', input.dueAt);
    const reason = requiredText('input.reason', input.reason, LONG_TEXT_MAX);
    return write(this.deps, async (tx, emit, now) => {
      const action = await this.loadAction(tx, viewer, actionId);
      if (action.version !== input.expectedVersion) throw conflict(action.version);
      if (!nextActionStatus(action.status, 'changeDueDate').ok) throw invalidTransition(action.status, 'changeActionDueDate');
      const why = newDueDateProblem(action.dueAt, dueAt, now);
      if (why) throw badInput('input.dueAt', why);
      await withdrawPendingExtension(tx, actionId, viewer.id, now);
      const row = await this.bump(tx, action, { dueAt }, now);
      await tx.insert(actionUpdates).values({ actionId, authorId: viewer.id, note: reason, status: action.status, at: now });
      await emit({
        type: 'ACTION_REDATED',
        ...aboutAction(viewer, action),
        note: reason,
      });
      return row;
    });
  }

  /** A step that carries a required text (its note, evidence or reason), checked before anything is read. */
  private stepWithText<F extends 'note' | 'evidence' | 'reason'>(
    viewer: Viewer,
    input: { actionId: string; expectedVersion: number } & Record<F, string>,
    field: F,
    operation: ActionOperation,
    who: 'owner' | 'coordinator',
  ): Promise<ActionRow> {
    const text = requiredText(`input.${field}`, input[field], LONG_TEXT_MAX);
    return this.step(viewer, input.actionId, input.expectedVersion, operation, who, text);
  }

  private async step(
    viewer: Viewer,
    actionIdIn: string,
    expectedVersion: number,
    operation: ActionOperation,
    who: 'owner' | 'coordinator',
    note: string | null,
  ): Promise<ActionRow> {
    const operationName = (
      {
        accept: 'acceptAction',
        reportProgress: 'reportProgress',
        submit: 'submitAction',
        confirm: 'confirmAction',
        return: 'returnAction',
        decline: 'declineAction',
        cancel: 'cancelAction',
      } as const
    )[operation as 'accept'];
    assertRole(viewer, operationName);
    const actionId = idOf('input.actionId', actionIdIn, 'LinkageAction');
    return write(this.deps, async (tx, emit, now) => {
      const action = await this.loadAction(tx, viewer, actionId);
      if (who === 'owner' && !mayWorkOnAction(viewer, action))
        throw forbidden('Only the branch or department that owns this action may work on it.');
      if (action.version !== expectedVersion) throw conflict(action.version);
      const next = nextActionStatus(action.status, operation);
      if (!next.ok) throw invalidTransition(action.status, operationName);
      const row = await this.bump(
        tx,
        action,
        {
          status: next.to,
          ...(operation === 'confirm' ? { confirmedAt: now } : {}),
          ...(operation === 'return' ? { returnedCount: action.returnedCount + 1 } : {}),
          ...(operation === 'decline' || operation === 'cancel' ? { statusReason: note } : {}),
        },
        now,
      );
      // A pending extension of a withdrawn row waits for nothing any more.
      if (operation === 'cancel') await withdrawPendingExtension(tx, actionId, viewer.id, now);
      await tx.insert(actionUpdates).values({ actionId, authorId: viewer.id, note: note ?? '', status: next.to, at: now });
      await emit({
        type: 'ACTION_STATUS_CHANGED',
        ...aboutAction(viewer, action),
        fromStatus: action.status,
        toStatus: next.to,
        note,
      });
      if (operation === 'confirm' || operation === 'cancel') await this.maybeStartVerification(tx, emit, viewer, action.problemId, now);
      return row;
    });
  }

  /** REMEDIATING → VERIFYING once the whole linkage table is confirmed. */
  private async maybeStartVerification(tx: Db, emit: Emit, viewer: Viewer, problemId: string, now: Date): Promise<void> {
    const problem = await findProblem(tx, problemId);
    if (!problem) return;
    const statuses = (await tx.select({ status: actions.status }).from(actions).where(eq(actions.problemId, problemId))).map(
      (r) => r.status,
    );
    if (!shouldStartVerification(problem.status, statuses)) return;
    await applyProblemChange(tx, problem, { status: 'VERIFYING', verifyingAt: now }, now);
    await emit({ type: 'VERIFICATION_STARTED', actorId: viewer.id, problemId, fromStatus: problem.status, toStatus: 'VERIFYING' });
  }

  private async loadAction(tx: Db, viewer: Viewer, actionId: string): Promise<ActionRow> {
    const action = await findAction(tx, actionId);
    if (!action || (viewer.scope && !(action.branchId && viewer.scope.has(action.branchId)))) throw notFound('LinkageAction', actionId);
    return action;
  }

  private async bump(tx: Db, action: ActionRow, set: Partial<ActionRow>, now: Date): Promise<ActionRow> {
    const row = await first(
      tx
        .update(actions)
        .set({ ...set, version: sql`${actions.version} + 1`, updatedAt: now })
        .where(and(eq(actions.id, action.id), eq(actions.version, action.version)))
        .returning(),
    );
    if (!row) throw conflict((await findAction(tx, action.id))?.version ?? action.version);
    return row;
  }

  queryFor(viewer: Viewer, filter: ActionFilterFields | null | undefined): ActionQuery {
    let branchIds: string[] | null = viewer.scope ? [...viewer.scope] : null;
    if (filter?.branchId) branchIds = [...this.deps.org.subtree(filter.branchId)].filter((id) => !viewer.scope || viewer.scope.has(id));
    return {
      statuses: filter?.status ?? null,
      overdue: filter?.overdue ?? null,
      extensionPending: filter?.extensionPending ?? null,
      branchIds,
      now: this.deps.clock.now(),
    };
  }

  async list(
    viewer: Viewer,
    filter: ActionFilterFields | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<ActionRow>> {
    const limit = pageSize(first);
    const key = decodeCursor(after, ['number', 'string']) as [number, string] | null;
    const q = this.queryFor(viewer, filter);
    const rows = await pageActions(this.deps.store.read, q, limit + 1, key);
    return pageOf(rows, limit, await countActions(this.deps.store.read, q), (a) => encodeCursor([a.dueAt.getTime(), a.id]));
  }

  /** Every action a filter selects for this viewer, soonest due first, in keyset batches: what a list export streams. */
  async *scan(viewer: Viewer, filter: ActionFilterFields | null | undefined, batch = 1000): AsyncGenerator<ActionRow[]> {
    const q = this.queryFor(viewer, filter);
    let cursor: [number, string] | null = null;
    for (;;) {
      const rows = await pageActions(this.deps.store.read, q, batch, cursor);
      const last = rows[rows.length - 1];
      if (!last) return;
      yield rows;
      if (rows.length < batch) return;
      cursor = [last.dueAt.getTime(), last.id];
    }
  }

  /** One action, or null when missing or outside the viewer's scope. */
  async find(viewer: Viewer, id: string): Promise<ActionRow | null> {
    const action = await findAction(this.deps.store.read, id);
    if (!action || (viewer.scope && !(action.branchId && viewer.scope.has(action.branchId)))) return null;
    return action;
  }
}
