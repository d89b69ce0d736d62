import { and, eq, inArray, count } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import { write } from '../event/index.js';
import type { Viewer } from '../core/viewer.rules.js';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';
import { consultations, consultationExperts, opinions } from './consultation.table.js';
import { users } from '../user/index.js';
import type { ROOT_CAUSES, OUTCOMES } from './problem.table.js';
import { badInput, forbidden, invalidTransition, notFound } from '../core/errors.js';
import { requiredText, idOf, idList, validDate } from '../core/validate.js';
import { concludeConsultationProblem } from './problem.rules.js';
import { loadForChange, applyProblemChange, assertRole, LONG_TEXT_MAX } from './problem.service.js';
import { findProblem, type ProblemRow } from './problem.repository.js';
import { validateActionInput, insertAction, type ActionFields } from './action.service.js';

const MAX_EXPERTS = 20;
const MAX_ACTIONS = 200;

/** Head-office consultation (会诊): experts invited, opinions given, a conclusion with the linkage table. */
export class ConsultationService {
  constructor(private readonly deps: HubDeps) {}

  /** DIAGNOSED → IN_CONSULTATION, inviting head-office experts. */
  async open(
    viewer: Viewer,
    input: { problemId: string; expectedVersion: number; expertIds: string[]; dueAt?: Date | null },
  ): Promise<ProblemRow> {
    assertRole(viewer, 'openConsultation');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const expertIds = idList('input.expertIds', input.expertIds, 'User', 1, MAX_EXPERTS);
    const dueAt = input.dueAt ? validDate('input.dueAt', input.dueAt) : null;
    if (dueAt && dueAt.getTime() <= this.deps.clock.now().getTime()) throw badInput('input.dueAt', 'input.dueAt must be in the future.');
    return write(this.deps, async (tx, emit, now) => {
      const { problem, to } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'openConsultation');
      const experts = await tx.select().from(users).where(inArray(users.id, expertIds));
      expertIds.forEach((id, i) => {
        const expert = experts.find((e) => e.id === id);
        if (!expert) throw badInput(`input.expertIds[${i}]`, 'This is not a user.');
        if (expert.role !== 'EXPERT' || !expert.active)
          throw badInput(`input.expertIds[${i}]`, `${expert.username} is not an active head-office expert.`);
      });
      const row = await applyProblemChange(tx, problem, { status: to, consultationAt: now }, now);
      await tx.insert(consultations).values({ problemId, coordinatorId: viewer.id, openedAt: now, dueAt });
      for (const expertId of expertIds) await tx.insert(consultationExperts).values({ problemId, expertId, invitedAt: now });
      await emit({
        type: 'CONSULTATION_OPENED',
        actorId: viewer.id,
        problemId,
        fromStatus: problem.status,
        toStatus: to,
        // The experts' names, as the problem's history shows them to people (not their sign-in names).
        note: experts.map((e) => e.displayName).join('、'),
      });
      return row;
    });
  }

  /**
   * Correction by the coordinator: more experts join an open consultation (IN_CONSULTATION), with
   * the reason; each must be an active expert not yet invited. They are notified as at the opening.
   */
  async inviteExperts(
    viewer: Viewer,
    input: { problemId: string; expectedVersion: number; expertIds: string[]; reason: string },
  ): Promise<ProblemRow> {
    assertRole(viewer, 'inviteExperts');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const expertIds = idList('input.expertIds', input.expertIds, 'User', 1, MAX_EXPERTS);
    const reason = requiredText('input.reason', input.reason, LONG_TEXT_MAX);
    return write(this.deps, async (tx, emit, now) => {
      const { problem } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'changeExperts');
      const experts = await tx.select().from(users).where(inArray(users.id, expertIds));
      const invited = new Set(await invitedIds(tx, problemId));
      expertIds.forEach((id, i) => {
        const expert = experts.find((e) => e.id === id);
        if (!expert) throw badInput(`input.expertIds[${i}]`, 'This is not a user.');
        if (expert.role !== 'EXPERT' || !expert.active)
          throw badInput(`input.expertIds[${i}]`, `${expert.username} is not an active head-office expert.`);
        if (invited.has(id)) throw badInput(`input.expertIds[${i}]`, `${expert.username} is already invited.`);
      });
      if (invited.size + expertIds.length > MAX_EXPERTS)
        throw badInput('input.expertIds', `A consultation may have at most ${MAX_EXPERTS} experts.`);
      const row = await applyProblemChange(tx, problem, {}, now);
      for (const expertId of expertIds) await tx.insert(consultationExperts).values({ problemId, expertId, invitedAt: now });
      await emit(
        {
          type: 'EXPERTS_INVITED',
          actorId: viewer.id,
          problemId,
          note: `${expertIds.map((id) => experts.find((e) => e.id === id)!.displayName).join('、')}：${reason}`,
        },
        // Who is notified: the experts just invited, not those already in the consultation.
        { userIds: expertIds },
      );
      return row;
    });
  }

  /**
   * Correction by the coordinator: experts leave an open consultation, with the reason; each must
   * be invited, and at least one expert stays. An opinion already given stays on the record.
   */
  async removeExperts(
    viewer: Viewer,
    input: { problemId: string; expectedVersion: number; expertIds: string[]; reason: string },
  ): Promise<ProblemRow> {
    assertRole(viewer, 'removeExperts');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const expertIds = idList('input.expertIds', input.expertIds, 'User', 1, MAX_EXPERTS);
    const reason = requiredText('input.reason', input.reason, LONG_TEXT_MAX);
    return write(this.deps, async (tx, emit, now) => {
      const { problem } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'changeExperts');
      const invited = new Set(await invitedIds(tx, problemId));
      expertIds.forEach((id, i) => {
        if (!invited.has(id)) throw badInput(`input.expertIds[${i}]`, 'This expert is not invited to the consultation.');
      });
      if (invited.size - expertIds.length < 1) throw badInput('input.expertIds', 'At least one expert stays in the consultation.');
      const names = await tx.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, expertIds));
      const row = await applyProblemChange(tx, problem, {}, now);
      await tx
        .delete(consultationExperts)
        .where(and(eq(consultationExperts.problemId, problemId), inArray(consultationExperts.expertId, expertIds)));
      await emit({
        type: 'EXPERTS_REMOVED',
        actorId: viewer.id,
        problemId,
        note: `${expertIds.map((id) => names.find((n) => n.id === id)?.displayName ?? id).join('、')}：${reason}`,
      });
      return row;
    });
  }

  /**
   * Correction by an invited expert: they decline the invitation, with the reason, before giving an
   * opinion (INVALID_TRANSITION after one). They leave the consultation; the coordinator is notified.
   */
  async declineInvitation(viewer: Viewer, input: { problemId: string; reason: string }): Promise<ProblemRow> {
    assertRole(viewer, 'declineInvitation');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const reason = requiredText('input.reason', input.reason, LONG_TEXT_MAX);
    return write(this.deps, async (tx, emit, now) => {
      const problem = await findProblem(tx, problemId);
      if (!problem) throw notFound('Problem', problemId);
      if (!(await isInvited(tx, problemId, viewer.id))) throw forbidden('Only an expert invited to this consultation may decline it.');
      await loadForChange(tx, viewer, problemId, null, 'declineInvitation');
      const gave = await first(
        tx
          .select({ at: opinions.submittedAt })
          .from(opinions)
          .where(and(eq(opinions.problemId, problemId), eq(opinions.expertId, viewer.id))),
      );
      if (gave) throw invalidTransition('OPINION_SUBMITTED', 'declineInvitation');
      const row = await applyProblemChange(tx, problem, {}, now);
      await tx
        .delete(consultationExperts)
        .where(and(eq(consultationExperts.problemId, problemId), eq(consultationExperts.expertId, viewer.id)));
      await emit({ type: 'INVITATION_DECLINED', actorId: viewer.id, problemId, note: reason });
      return row;
    });
  }

  /** An invited expert's opinion; a second one from the same expert replaces the first. */
  async submitOpinion(viewer: Viewer, input: { problemId: string; body: string; agreesWithDiagnosis: boolean }): Promise<ProblemRow> {
    assertRole(viewer, 'submitOpinion');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const body = requiredText('input.body', input.body, LONG_TEXT_MAX);
    return write(this.deps, async (tx, emit, now) => {
      const problem = await findProblem(tx, problemId);
      if (!problem) throw notFound('Problem', problemId);
      if (!(await isInvited(tx, problemId, viewer.id))) throw forbidden('Only experts invited to this consultation give an opinion.');
      const { to } = await loadForChange(tx, viewer, problemId, null, 'submitOpinion');
      if (!viewer.departmentId) throw forbidden('An expert needs a department to give an opinion.');
      const row = await applyProblemChange(tx, problem, { status: to }, now);
      await tx
        .insert(opinions)
        .values({
          problemId,
          expertId: viewer.id,
          departmentId: viewer.departmentId,
          body,
          agreesWithDiagnosis: input.agreesWithDiagnosis,
          submittedAt: now,
        })
        .onConflictDoUpdate({
          target: [opinions.problemId, opinions.expertId],
          set: { body, agreesWithDiagnosis: input.agreesWithDiagnosis, departmentId: viewer.departmentId, submittedAt: now },
        });
      await emit({ type: 'OPINION_SUBMITTED', actorId: viewer.id, problemId, note: body });
      return row;
    });
  }

  /**
   * Issues the consultation opinion (root cause, remediation plan, outcome) with the linkage table:
   * IN_CONSULTATION → REMEDIATING. Needs at least one expert opinion and at least one action.
   */
  async conclude(
    viewer: Viewer,
    input: {
      problemId: string;
      expectedVersion: number;
      rootCause: (typeof ROOT_CAUSES)[number];
      rootCauseDetail: string;
      remediationPlan: string;
      outcome: (typeof OUTCOMES)[number];
      actions: ActionFields[];
    },
  ): Promise<ProblemRow> {
    assertRole(viewer, 'concludeConsultation');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const rootCauseDetail = requiredText('input.rootCauseDetail', input.rootCauseDetail, LONG_TEXT_MAX);
    const remediationPlan = requiredText('input.remediationPlan', input.remediationPlan, LONG_TEXT_MAX);
    if (!input.actions.length) throw badInput('input.actions', 'The linkage table needs at least one action.');
    if (input.actions.length > MAX_ACTIONS) throw badInput('input.actions', `The linkage table may have at most ${MAX_ACTIONS} actions.`);
    const now = this.deps.clock.now();
    const planned = input.actions.map((a, i) => validateActionInput(`input.actions[${i}]`, a, now));
    return write(this.deps, async (tx, emit, at) => {
      const { problem, to } = await loadForChange(tx, viewer, problemId, input.expectedVersion, 'concludeConsultation');
      const opinionCount = (await first(tx.select({ n: count() }).from(opinions).where(eq(opinions.problemId, problemId))))?.n ?? 0;
      const missing = concludeConsultationProblem(opinionCount, planned.length);
      if (missing) throw invalidTransition(problem.status, 'concludeConsultation without an expert opinion');
      const row = await applyProblemChange(tx, problem, { status: to, remediatingAt: at }, at);
      await tx
        .update(consultations)
        .set({ rootCause: input.rootCause, rootCauseDetail, remediationPlan, outcome: input.outcome, issuedBy: viewer.id, issuedAt: at })
        .where(eq(consultations.problemId, problemId));
      await emit({
        type: 'CONSULTATION_CONCLUDED',
        actorId: viewer.id,
        problemId,
        fromStatus: problem.status,
        toStatus: to,
        note: remediationPlan,
      });
      for (const [i, fields] of planned.entries())
        await insertAction(tx, emit, this.deps, viewer, problemId, fields, at, `input.actions[${i}]`);
      return row;
    });
  }
}

async function isInvited(tx: Db, problemId: string, expertId: string): Promise<boolean> {
  return !!(await first(
    tx
      .select({ id: consultationExperts.expertId })
      .from(consultationExperts)
      .where(and(eq(consultationExperts.problemId, problemId), eq(consultationExperts.expertId, expertId))),
  ));
}

async function invitedIds(tx: Db, problemId: string): Promise<string[]> {
  return (
    await tx.select({ id: consultationExperts.expertId }).from(consultationExperts).where(eq(consultationExperts.problemId, problemId))
  ).map((r) => r.id);
}
