/**
 * The loop simulation: each problem of the plan is played through the loop's rules
 * (problem.rules / action.rules) step by step, and every accepted step leaves the row changes and
 * the hub event the services would have left.
 */
import {
  nextActionStatus,
  nextProblemStatus,
  shouldStartVerification,
  type ActionOperation,
  type ProblemOperation,
} from '../loop/index.js';
import { at, must, type Rng } from './demo.random.js';
import { DAY, fromOffice, HOUR, MINUTE, OFFICE_RATIO, toOffice } from './demo.calendar.js';
import { managerOf, user, usersWith } from './demo.people.js';
import { THEMES, type Theme } from './demo.themes.js';
import {
  EVIDENCE,
  EXTENSION_REASONS,
  PLAN,
  PROGRESS_NOTES,
  REOPEN_NOTE,
  RESOLVE_NOTES,
  RETURN_REASONS,
  type PlanRow,
} from './demo.plan.js';
import type {
  ActionStatusCode,
  Demo,
  ProblemStatusCode,
  DemoUser,
  EventRow,
  ExtensionDecision,
  Named,
  OrgNode,
  SimAction,
  SimProblem,
} from './demo.model.js';

/** One row of a linkage table as planned: where it goes, how far it gets, and its steps. */
interface ActionPlan {
  branch: OrgNode | null;
  dept: Named | null;
  title: string;
  description: string;
  final: ActionStatusCode;
  returns: number;
  extension: ExtensionDecision | null;
  wantOverdue: boolean;
  /** Step offsets (ms after the action is created). */
  steps: { op: ActionOperation | 'decideExtension'; dt: number }[];
}

type ProblemStep =
  | { t: number; kind: 'open' }
  | { t: number; kind: 'attach' }
  | { t: number; kind: 'diagnose' }
  | { t: number; kind: 'consult'; experts: DemoUser[] }
  | { t: number; kind: 'opinion'; expert: DemoUser; agrees: boolean }
  | { t: number; kind: 'conclude'; plans: ActionPlan[] }
  | { t: number; kind: 'actionStep'; plan: ActionPlan; index: number }
  | { t: number; kind: 'reopen' }
  | { t: number; kind: 'addAction'; plan: ActionPlan }
  | { t: number; kind: 'resolve' }
  | { t: number; kind: 'dismiss' }
  | { t: number; kind: 'merge'; target: SimProblem };

const ACTION_SEQUENCES: Record<ActionStatusCode, readonly ActionOperation[]> = {
  ASSIGNED: [],
  ACCEPTED: ['accept'],
  IN_PROGRESS: ['accept', 'reportProgress'],
  SUBMITTED: ['accept', 'reportProgress', 'submit'],
  RETURNED: ['accept', 'reportProgress', 'submit', 'return'],
  CONFIRMED: ['accept', 'reportProgress', 'submit', 'confirm'],
  // Corrections (issue 18): the demo plans none of these yet.
  DECLINED: ['decline'],
  CANCELLED: ['cancel'],
};
const EXTENSION_STATES: readonly ActionStatusCode[] = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'];

function stepGap(rng: Rng, op: ActionOperation | 'decideExtension'): number {
  switch (op) {
    case 'accept':
      return rng.range(0.1, 2) * DAY;
    case 'reportProgress':
      return rng.range(1, 6) * DAY;
    case 'submit':
      return rng.range(2, 8) * DAY;
    case 'confirm':
    case 'return':
    case 'decline':
    case 'cancel':
    case 'reassign':
    case 'changeDueDate':
      return rng.range(0.5, 3) * DAY;
    case 'requestExtension':
      return rng.range(0.5, 4) * DAY;
    case 'decideExtension':
      return rng.range(0.2, 2) * DAY;
  }
}

/** The steps that take a new action to `final`, with optional return cycles and an extension. */
function planActionSteps(rng: Rng, plan: ActionPlan): void {
  let ops: (ActionOperation | 'decideExtension')[] = [...ACTION_SEQUENCES[plan.final]];
  if (rng.chance(0.35) && (plan.final === 'IN_PROGRESS' || plan.final === 'CONFIRMED' || plan.final === 'SUBMITTED')) {
    ops.splice(2, 0, 'reportProgress');
  }
  if (plan.returns > 0 && plan.final !== 'RETURNED') {
    // A return cycle: submitted work sent back, then picked up and submitted again.
    const submitAt = ops.indexOf('submit');
    if (submitAt >= 0) ops.splice(submitAt + 1, 0, 'return', 'reportProgress', 'submit');
    else if (plan.final === 'IN_PROGRESS') ops = ['accept', 'reportProgress', 'submit', 'return', 'reportProgress'];
  }
  if (plan.extension === 'GRANTED' || plan.extension === 'REFUSED') {
    const after = ops[0] === 'accept' ? (ops[1] === 'reportProgress' && rng.chance(0.5) ? 2 : 1) : 0;
    ops.splice(after, 0, 'requestExtension', 'decideExtension');
  } else if (plan.extension === 'PENDING') {
    ops.push('requestExtension');
  }
  plan.steps = ops.map((op) => ({ op, dt: stepGap(rng, op) }));
}

function newActionPlan(
  target: { branch: OrgNode | null; dept: Named | null },
  title: string,
  description: string,
  final: ActionStatusCode,
): ActionPlan {
  return { ...target, title, description, final, returns: 0, extension: null, wantOverdue: false, steps: [] };
}

/** The linkage table a conclusion creates: departments first, then branches. */
function linkageTable(d: Demo, p: SimProblem): ActionPlan[] {
  const rng = d.rngs.problems;
  const theme = p.theme;
  const plans: ActionPlan[] = [];
  const deptRows =
    theme.key === 'cc_reminder' ? theme.deptActions : rng.sample(theme.deptActions, rng.int(1, Math.min(2, theme.deptActions.length)));
  for (const [code, title] of deptRows) {
    const dept = must(d.deptByCode.get(code), code);
    plans.push(newActionPlan({ branch: null, dept }, title, `${title}：${theme.plan}`, 'CONFIRMED'));
  }
  const branchTitle = theme.branchAction;
  if (branchTitle) {
    let targets: OrgNode[];
    if (theme.key === 'cc_reminder') targets = [must(d.byCode.get('SH'), 'SH'), must(d.byCode.get('BJ'), 'BJ')];
    else if (p.region) {
      const subs = p.region.children;
      targets = [rng.chance(0.3) && subs.length ? rng.pick(subs) : p.region];
    } else {
      const branches = d.nodes.filter((n) => n.level === 'BRANCH');
      targets = rng.sample(branches, rng.int(0, 2));
    }
    for (const node of targets) {
      const title = branchTitle.replace('{branch}', node.name);
      plans.push(
        newActionPlan(
          { branch: node, dept: null },
          title,
          `按会诊意见在${node.name}辖内落实：${theme.fix}，排查同类问题，提交整改报告及客户回访记录。`,
          'CONFIRMED',
        ),
      );
    }
  }
  return plans.slice(0, 5);
}

function decideActionPlans(d: Demo, p: SimProblem, plans: ActionPlan[], allConfirmed: boolean): void {
  const rng = d.rngs.problems;
  for (const plan of plans) {
    if (allConfirmed) {
      plan.final = 'CONFIRMED';
      plan.returns = rng.chance(0.2) ? 1 : 0;
      if (rng.chance(0.15)) plan.extension = rng.chance(0.65) ? 'GRANTED' : 'REFUSED';
    } else {
      plan.final = rng.weighted([
        ['ASSIGNED', 1],
        ['ACCEPTED', 1.5],
        ['IN_PROGRESS', 3],
        ['SUBMITTED', 1.5],
        ['RETURNED', 0.7],
        ['CONFIRMED', 2.5],
      ] as const);
      if (plan.final === 'RETURNED') plan.returns = 1;
      else if ((plan.final === 'CONFIRMED' || plan.final === 'IN_PROGRESS') && rng.chance(0.15)) plan.returns = 1;
      if (rng.chance(0.22)) {
        plan.extension = rng.weighted([
          ['GRANTED', 45],
          ['REFUSED', 25],
          ['PENDING', 30],
        ] as const);
        if (plan.extension === 'PENDING' && !EXTENSION_STATES.includes(plan.final)) plan.extension = 'GRANTED';
      }
      plan.wantOverdue = plan.final !== 'CONFIRMED' && plan.extension !== 'GRANTED' && rng.chance(0.35);
    }
  }
  if (!allConfirmed && plans.every((pl) => pl.final === 'CONFIRMED')) {
    const first = at(plans, 0);
    first.final = 'IN_PROGRESS';
  }
  // Hand-picked cases, so that the demo always shows them.
  const first = at(plans, 0);
  const second = plans[1];
  const set = (
    plan: ActionPlan | undefined,
    final: ActionStatusCode,
    returns: number,
    extension: ExtensionDecision | null,
    wantOverdue: boolean,
  ): void => {
    if (!plan) return;
    plan.final = final;
    plan.returns = returns;
    plan.extension = extension;
    plan.wantOverdue = wantOverdue;
  };
  if (p.row.hint === 'OVERDUE_PENDING') set(first, 'IN_PROGRESS', 0, 'PENDING', true);
  else if (p.row.hint === 'RETURNED') {
    set(first, 'RETURNED', 1, null, false);
    set(second, 'CONFIRMED', 1, null, false);
  } else if (p.row.hint === 'EXTENSIONS') {
    set(first, 'IN_PROGRESS', 0, 'GRANTED', false);
    set(second, 'ACCEPTED', 0, 'REFUSED', true);
  } else if (p.row.hint === 'FRESH') {
    set(first, 'ASSIGNED', 0, null, false);
    set(second, 'SUBMITTED', 0, null, false);
  }
  for (const plan of plans) planActionSteps(rng, plan);
}

/** Ops of one problem, with times relative to its opening, for everything but MERGED. */
function planProblem(d: Demo, p: SimProblem): ProblemStep[] {
  const rng = d.rngs.problems;
  const status = p.row.status;
  const steps: ProblemStep[] = [{ t: 0, kind: 'open' }];
  let t = 0;
  const dismissFrom: ProblemStatusCode | null = status === 'DISMISSED' ? rng.pick(['OPEN', 'DIAGNOSED', 'IN_CONSULTATION'] as const) : null;
  const reach = (s: ProblemStatusCode): boolean => {
    const order: ProblemStatusCode[] = ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING', 'RESOLVED'];
    const target = dismissFrom ?? status;
    return order.indexOf(target) >= order.indexOf(s);
  };
  if (reach('DIAGNOSED')) {
    t += rng.range(0.3, 4) * DAY;
    steps.push({ t, kind: 'diagnose' });
  }
  // More feedback comes in while the problem is still being looked at.
  const attachLimit = reach('IN_CONSULTATION') ? t + rng.range(0.5, 3) * DAY : null;
  if (attachLimit !== null && rng.chance(0.45)) {
    const ta = rng.range(0.4, 0.95) * attachLimit;
    steps.push({ t: ta, kind: 'attach' });
  } else if (attachLimit === null && status !== 'DISMISSED' && rng.chance(0.35)) {
    steps.push({ t: t + rng.range(0.5, 5) * DAY, kind: 'attach' });
  }
  if (reach('IN_CONSULTATION')) {
    t = attachLimit ?? t;
    const experts = pickExperts(d, p.theme);
    steps.push({ t, kind: 'consult', experts });
    const full = reach('REMEDIATING');
    const count = full ? rng.int(1, experts.length) : rng.int(0, experts.length - 1);
    for (const expert of experts.slice(0, count)) {
      t += rng.range(0.3, 3) * DAY;
      steps.push({ t, kind: 'opinion', expert, agrees: rng.chance(0.85) });
    }
  }
  if (dismissFrom) {
    t += rng.range(0.5, 5) * DAY;
    steps.push({ t, kind: 'dismiss' });
    return steps;
  }
  if (!reach('REMEDIATING')) {
    return steps;
  }
  t += rng.range(0.5, 3) * DAY;
  const plans = linkageTable(d, p);
  const closing = status === 'VERIFYING' || status === 'RESOLVED' || !!p.row.reopen;
  decideActionPlans(d, p, plans, closing);
  const tc = t;
  steps.push({ t: tc, kind: 'conclude', plans });
  let lastStep = tc;
  for (const plan of plans) {
    let ta = tc;
    plan.steps.forEach((s, index) => {
      ta += s.dt;
      steps.push({ t: ta, kind: 'actionStep', plan, index });
    });
    lastStep = Math.max(lastStep, ta);
  }
  t = lastStep;
  if (p.row.reopen) {
    // Verification showed the voice coming back: reopened, one more row in the linkage table.
    t += rng.range(3, 10) * DAY;
    steps.push({ t, kind: 'reopen' });
    steps.push({ t: t + rng.range(0.1, 0.4) * DAY, kind: 'attach' });
    t += rng.range(0.5, 2) * DAY;
    const dept = must(d.deptByCode.get(at(p.theme.departments, 0)), 'department');
    const plan = newActionPlan(
      { branch: null, dept },
      `${dept.name}复盘整改效果并补充措施`,
      `针对验证期内再次出现的客户之声，${p.theme.fix}，并补充长效机制。`,
      'CONFIRMED',
    );
    plan.final = status === 'RESOLVED' ? 'CONFIRMED' : 'IN_PROGRESS';
    planActionSteps(rng, plan);
    steps.push({ t, kind: 'addAction', plan });
    const ta0 = t;
    let ta = ta0;
    plan.steps.forEach((s, index) => {
      ta += s.dt;
      steps.push({ t: ta, kind: 'actionStep', plan, index });
    });
    t = ta;
  }
  if (status === 'RESOLVED') {
    t += rng.range(5, 20) * DAY;
    steps.push({ t, kind: 'resolve' });
  }
  return steps;
}

function pickExperts(d: Demo, theme: Theme): DemoUser[] {
  const rng = d.rngs.problems;
  const experts = usersWith(d, 'EXPERT');
  const chosen: DemoUser[] = [];
  for (const code of theme.departments.slice(0, 3)) {
    const ofDept = experts.filter((e) => e.departmentCode === code);
    if (ofDept.length) chosen.push(rng.pick(ofDept));
  }
  if (!chosen.length) chosen.push(rng.pick(experts));
  return chosen;
}

/** How long a problem of this status has been sitting since its last step. */
function idleDays(rng: Rng, row: PlanRow): number {
  switch (row.status) {
    case 'OPEN':
      return rng.range(0.05, 10);
    case 'DIAGNOSED':
      return rng.range(0.3, 14);
    case 'IN_CONSULTATION':
      return rng.range(0.3, 14);
    case 'REMEDIATING':
      return row.hint === 'FRESH' ? rng.range(0.5, 3) : row.hint ? rng.range(8, 16) : rng.range(0.5, 35);
    case 'VERIFYING':
      return rng.range(0.5, 20);
    case 'RESOLVED':
      return rng.range(2, 120);
    case 'DISMISSED':
      return rng.range(1, 160);
    case 'MERGED':
      return 0;
  }
}

/** Fits a plan into the six months: opened at least two weeks in, last step before now. */
function place(d: Demo, steps: ProblemStep[], endBefore: number): { w0: number; scale: number } {
  const rng = d.rngs.problems;
  const span = Math.max(...steps.map((s) => s.t)) * OFFICE_RATIO;
  // The last office instant before now (now itself may fall in the night).
  const lastOffice = fromOffice(toOffice(d.now)) <= d.now ? toOffice(d.now) : toOffice(d.now) - 1;
  const end = Math.min(toOffice(endBefore), lastOffice - 5 * MINUTE);
  const earliest = toOffice(d.calendar.start + 15 * DAY);
  let w0 = end - span;
  let scale = 1;
  if (w0 < earliest) {
    w0 = earliest + rng.range(0, 2) * HOUR;
    scale = Math.max(0.05, (end - w0) / Math.max(span, 1));
  }
  return { w0: Math.floor(w0), scale };
}

/** Plays one problem's steps under the loop's rules, leaving its rows and events on the Demo. */
class Loop {
  constructor(private readonly d: Demo) {}

  private emit(e: Omit<EventRow, 'actionId' | 'branchId' | 'fromStatus' | 'toStatus' | 'note'> & Partial<EventRow>): void {
    this.d.events.push({ actionId: null, branchId: null, fromStatus: null, toStatus: null, note: null, ...e });
  }

  /** Applies a problem operation under the loop's rules; a plan that breaks them is a bug here. */
  private move(p: SimProblem, op: ProblemOperation, t: number): ProblemStatusCode {
    const next = nextProblemStatus(p.status, op);
    if (!next.ok) throw new Error(`demo seed: ${op} not allowed on ${p.status} (${p.theme.key})`);
    const from = p.status;
    p.status = next.to;
    p.version += 1;
    p.updatedAt = Math.max(p.updatedAt, t);
    if (next.to !== from) p.history.push([t, next.to]);
    return from;
  }

  run(p: SimProblem, steps: ProblemStep[], w0: number, scale: number): void {
    const d = this.d;
    const rng = d.rngs.problems;
    const abs = (s: ProblemStep): number => fromOffice(w0 + s.t * OFFICE_RATIO * scale);
    const analyst = p.createdBy;
    const coordinator = rng.chance(0.75) ? user(d, 'coordinator').id : user(d, 'coordinator.lin').id;
    const actionsOf = new Map<ActionPlan, SimAction>();
    const order = steps.map((s, i) => ({ s, i, t: abs(s) })).sort((a, b) => a.t - b.t || a.i - b.i);
    let lastAttach = fromOffice(w0);

    for (const { s, t } of order) {
      switch (s.kind) {
        case 'open': {
          p.createdAt = t;
          p.updatedAt = t;
          p.version = 1;
          p.status = 'OPEN';
          p.history.push([t, 'OPEN']);
          this.emit({ type: 'PROBLEM_OPENED', at: t, actorId: analyst, problemId: p.id, toStatus: 'OPEN', note: p.title });
          break;
        }
        case 'attach': {
          this.move(p, 'attachFeedback', t);
          // Received since the last grouping (at most three weeks back), before being attached.
          const from = Math.min(Math.max(lastAttach + 10 * MINUTE, t - 21 * DAY), t - 2 * HOUR);
          p.batches.push({ from, to: t - 15 * MINUTE, count: 0 });
          lastAttach = t;
          const batch = at(p.batches, p.batches.length - 1);
          this.emit({ type: 'FEEDBACK_ATTACHED', at: t, actorId: analyst, problemId: p.id, note: () => String(batch.count) });
          break;
        }
        case 'diagnose': {
          const from = this.move(p, 'submitDiagnosis', t);
          p.diagnosedAt = t;
          const theme = p.theme;
          d.diagnoses.push({
            problemId: p.id,
            authorId: analyst,
            summary: theme.summary,
            customerImpact: theme.impact,
            suspectedCause: theme.cause,
            submittedAt: new Date(t),
          });
          theme.departments.forEach((code, position) =>
            d.diagnosisDepartments.push({ problemId: p.id, departmentId: must(d.deptByCode.get(code), code).id, position }),
          );
          this.emit({
            type: 'DIAGNOSIS_SUBMITTED',
            at: t,
            actorId: analyst,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: theme.summary,
          });
          break;
        }
        case 'consult': {
          const from = this.move(p, 'openConsultation', t);
          p.consultationAt = t;
          d.consultations.set(p.id, {
            problemId: p.id,
            coordinatorId: coordinator,
            openedAt: new Date(t),
            dueAt: new Date(t + 7 * DAY),
            rootCause: null,
            rootCauseDetail: null,
            remediationPlan: null,
            outcome: null,
            issuedBy: null,
            issuedAt: null,
          });
          for (const e of s.experts) d.consultationExperts.push({ problemId: p.id, expertId: e.id, invitedAt: new Date(t) });
          this.emit({
            type: 'CONSULTATION_OPENED',
            at: t,
            actorId: coordinator,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: s.experts.map((e) => e.displayName).join('、'),
          });
          break;
        }
        case 'opinion': {
          this.move(p, 'submitOpinion', t);
          const dept = must(
            d.departments.find((x) => x.id === s.expert.departmentId),
            'expert department',
          );
          const body = s.agrees
            ? `${dept.name}意见：同意初诊判断。${p.theme.why}建议${p.theme.fix}。`
            : `${dept.name}意见：初诊判断需要补充。从本部门掌握的情况看，除初诊所列原因外还涉及业务流程衔接问题，建议${p.theme.fix}，并由相关部门共同整改。`;
          d.opinions.push({
            problemId: p.id,
            expertId: s.expert.id,
            departmentId: dept.id,
            body,
            agreesWithDiagnosis: s.agrees,
            submittedAt: new Date(t),
          });
          this.emit({ type: 'OPINION_SUBMITTED', at: t, actorId: s.expert.id, problemId: p.id, note: body });
          break;
        }
        case 'conclude': {
          const from = this.move(p, 'concludeConsultation', t);
          p.remediatingAt = t;
          const theme = p.theme;
          const c = must(d.consultations.get(p.id), 'consultation');
          c.rootCause = theme.cause;
          c.rootCauseDetail = theme.why;
          c.remediationPlan = theme.plan;
          c.outcome = theme.outcome;
          c.issuedBy = coordinator;
          c.issuedAt = new Date(t);
          this.emit({
            type: 'CONSULTATION_CONCLUDED',
            at: t,
            actorId: coordinator,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: theme.plan,
          });
          for (const plan of s.plans) actionsOf.set(plan, this.addAction(p, plan, t, coordinator, abs, steps));
          break;
        }
        case 'addAction': {
          this.move(p, 'addAction', t);
          actionsOf.set(s.plan, this.addAction(p, s.plan, t, coordinator, abs, steps));
          break;
        }
        case 'actionStep': {
          const a = must(actionsOf.get(s.plan), 'action');
          this.actionStep(p, a, s.plan, s.index, t, coordinator);
          break;
        }
        case 'reopen': {
          const from = this.move(p, 'reopen', t);
          p.verifyingAt = null;
          p.resolvedAt = null;
          this.emit({
            type: 'PROBLEM_REOPENED',
            at: t,
            actorId: coordinator,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: REOPEN_NOTE,
          });
          break;
        }
        case 'resolve': {
          if (!p.actions.every((a) => a.status === 'CONFIRMED')) throw new Error('demo seed: resolve with unconfirmed actions');
          const from = this.move(p, 'resolve', t);
          p.resolvedAt = t;
          this.emit({
            type: 'PROBLEM_RESOLVED',
            at: t,
            actorId: coordinator,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: rng.pick(RESOLVE_NOTES),
          });
          break;
        }
        case 'dismiss': {
          const from = this.move(p, 'dismiss', t);
          p.dismissReason = p.row.dismissReason ?? '经核实不属于需要整改的问题，已向客户解释。';
          this.emit({
            type: 'PROBLEM_DISMISSED',
            at: t,
            actorId: analyst,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: p.dismissReason,
          });
          break;
        }
        case 'merge': {
          const target = s.target;
          if (!nextProblemStatus(statusAt(target, t), 'mergeInto').ok) throw new Error('demo seed: merge target not live');
          const from = this.move(p, 'merge', t);
          p.mergedIntoId = target.id;
          p.owner = target;
          target.version += 1;
          target.updatedAt = Math.max(target.updatedAt, t);
          this.emit({
            type: 'PROBLEM_MERGED',
            at: t,
            actorId: analyst,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: () => target.code,
          });
          this.emit({
            type: 'FEEDBACK_ATTACHED',
            at: t,
            actorId: analyst,
            problemId: target.id,
            note: () => String(p.batches.reduce((n, b) => n + b.count, 0)),
          });
          break;
        }
      }
    }
  }

  private addAction(
    p: SimProblem,
    plan: ActionPlan,
    t: number,
    coordinator: string,
    abs: (s: ProblemStep) => number,
    steps: ProblemStep[],
  ): SimAction {
    const d = this.d;
    const rng = d.rngs.problems;
    const now = d.now;
    // When this action's own steps will happen, to set a due date that tells the right story.
    const own = steps.filter((s): s is Extract<ProblemStep, { kind: 'actionStep' }> => s.kind === 'actionStep' && s.plan === plan).map(abs);
    const last = own.length ? Math.max(...own) : t;
    let due: number;
    if (plan.final === 'CONFIRMED') due = t + rng.range(10, 30) * DAY;
    else if (plan.wantOverdue && now - t > 3 * DAY) due = t + 2 * DAY + rng.next() * (now - t - 2.5 * DAY);
    else due = Math.max(now + rng.range(2, 25) * DAY, last + DAY);
    if (due <= t) due = t + 7 * DAY;
    const owner = plan.branch
      ? managerOf(d, plan.branch)
      : must(
          usersWith(d, 'EXPERT').find((e) => e.departmentId === plan.dept?.id),
          'department expert',
        ).id;
    const a: SimAction = {
      id: rng.id('LinkageAction', t),
      problem: p,
      branch: plan.branch,
      departmentId: plan.dept?.id ?? null,
      ownerId: owner,
      title: plan.title,
      description: plan.description,
      dueAt: Math.floor(due),
      status: 'ASSIGNED',
      version: 1,
      position: p.actions.length,
      createdAt: t,
      updatedAt: t,
      createdBy: coordinator,
      confirmedAt: null,
      returnedCount: 0,
    };
    p.actions.push(a);
    this.emit({
      type: 'ACTION_ASSIGNED',
      at: t,
      actorId: coordinator,
      problemId: p.id,
      actionId: a.id,
      branchId: a.branch?.id ?? null,
      toStatus: 'ASSIGNED',
      note: a.title,
    });
    return a;
  }

  private actionStep(p: SimProblem, a: SimAction, plan: ActionPlan, index: number, t: number, coordinator: string): void {
    const d = this.d;
    const rng = d.rngs.problems;
    const step = at(plan.steps, index);
    const base = { problemId: p.id, actionId: a.id, branchId: a.branch?.id ?? null };
    if (step.op === 'requestExtension') {
      if (!nextActionStatus(a.status, 'requestExtension').ok) throw new Error(`demo seed: extension on ${a.status}`);
      const requested = Math.floor(Math.max(a.dueAt, t) + rng.range(7, 20) * DAY);
      const reason = rng.pick(EXTENSION_REASONS);
      d.extensions.push({
        actionId: a.id,
        requestedDueAt: requested,
        previousDueAt: a.dueAt,
        reason,
        decision: 'PENDING',
        requestedBy: a.ownerId,
        requestedAt: t,
        decidedBy: null,
        decidedAt: null,
      });
      a.version += 1;
      a.updatedAt = t;
      this.emit({ type: 'EXTENSION_REQUESTED', at: t, actorId: a.ownerId, ...base, note: reason });
      return;
    }
    if (step.op === 'decideExtension') {
      const request = [...d.extensions].reverse().find((x) => x.actionId === a.id);
      if (!request || request.decision !== 'PENDING') throw new Error('demo seed: no pending extension');
      const decision = plan.extension === 'GRANTED' ? 'GRANTED' : 'REFUSED';
      request.decision = decision;
      request.decidedBy = coordinator;
      request.decidedAt = t;
      if (decision === 'GRANTED') a.dueAt = request.requestedDueAt;
      a.version += 1;
      a.updatedAt = t;
      this.emit({ type: 'EXTENSION_DECIDED', at: t, actorId: coordinator, ...base, toStatus: decision, note: decision });
      return;
    }
    const next = nextActionStatus(a.status, step.op);
    if (!next.ok) throw new Error(`demo seed: ${step.op} not allowed on action ${a.status}`);
    const byCoordinator = step.op === 'confirm' || step.op === 'return';
    const actor = byCoordinator ? coordinator : a.ownerId;
    const note =
      step.op === 'reportProgress'
        ? rng.pick(PROGRESS_NOTES)
        : step.op === 'submit'
          ? rng.pick(EVIDENCE)
          : step.op === 'return'
            ? rng.pick(RETURN_REASONS)
            : null;
    const from = a.status;
    a.status = next.to;
    a.version += 1;
    a.updatedAt = t;
    if (step.op === 'confirm') a.confirmedAt = t;
    if (step.op === 'return') a.returnedCount += 1;
    d.actionUpdates.push({ actionId: a.id, authorId: actor, note: note ?? '', status: next.to, at: t });
    this.emit({ type: 'ACTION_STATUS_CHANGED', at: t, actorId: actor, ...base, fromStatus: from, toStatus: next.to, note });
    if (
      step.op === 'confirm' &&
      shouldStartVerification(
        p.status,
        p.actions.map((x) => x.status),
      )
    ) {
      this.move(p, 'startVerification', t);
      p.verifyingAt = t;
      this.emit({
        type: 'VERIFICATION_STARTED',
        at: t,
        actorId: coordinator,
        problemId: p.id,
        fromStatus: 'REMEDIATING',
        toStatus: 'VERIFYING',
      });
    }
  }
}

function statusAt(p: SimProblem, t: number): ProblemStatusCode {
  let s: ProblemStatusCode = 'OPEN';
  for (const [when, status] of p.history) if (when <= t) s = status;
  return s;
}

/**
 * Plays every problem of the plan through the loop: live and closed ones first, then the duplicates
 * merged into them; numbers them in the order they were opened.
 */
export function buildProblems(d: Demo): void {
  const rng = d.rngs.problems;
  const loop = new Loop(d);
  const analysts = usersWith(d, 'ANALYST');
  const themeByKey = new Map(THEMES.map((t) => [t.key, t]));
  const sims: SimProblem[] = PLAN.map((row) => {
    const theme = must(themeByKey.get(row.theme), `theme ${row.theme}`);
    const region = row.region ? must(d.byCode.get(row.region), row.region) : null;
    const severity = rng.chance(0.8) ? theme.severity : rng.pick(['LOW', 'MEDIUM', 'HIGH'] as const);
    const p = {
      row,
      theme,
      region,
      id: '',
      code: '',
      title: region ? `${region.name}${theme.title}` : theme.title,
      status: 'OPEN',
      severity,
      version: 0,
      createdAt: 0,
      updatedAt: 0,
      createdBy: rng.chance(0.5) ? user(d, 'analyst').id : rng.pick(analysts).id,
      mergedIntoId: null,
      dismissReason: null,
      diagnosedAt: null,
      consultationAt: null,
      remediatingAt: null,
      verifyingAt: null,
      resolvedAt: null,
      history: [],
      actions: [],
      batches: [],
    } as Omit<SimProblem, 'owner'> as SimProblem;
    p.owner = p;
    return p;
  });

  // Live and closed problems first; duplicates are merged into them afterwards.
  sims.forEach((p) => {
    if (p.row.status === 'MERGED') return;
    const steps = planProblem(d, p);
    const { w0, scale } = place(d, steps, d.now - idleDays(rng, p.row) * DAY - 30 * MINUTE);
    p.id = rng.id('Problem', fromOffice(w0));
    loop.run(p, steps, w0, scale);
  });
  sims.forEach((p) => {
    if (p.row.status !== 'MERGED') return;
    const target = at(sims, must(p.row.into, 'merge target'));
    const liveUntil = target.history.find(([, s]) => s === 'RESOLVED' || s === 'DISMISSED' || s === 'MERGED')?.[0] ?? d.now;
    let tm = 0;
    for (let tries = 0; tries < 50; tries++) {
      tm = fromOffice(toOffice(Math.floor(target.createdAt + rng.range(0.2, 0.85) * (liveUntil - target.createdAt))));
      if (nextProblemStatus(statusAt(target, tm), 'mergeInto').ok) break;
    }
    const steps: ProblemStep[] = [{ t: 0, kind: 'open' }];
    let t = 0;
    if (rng.chance(0.5)) {
      t += rng.range(0.3, 2) * DAY;
      steps.push({ t, kind: 'diagnose' });
    }
    t += rng.range(0.5, 3) * DAY;
    steps.push({ t, kind: 'merge', target });
    const { w0, scale } = place(d, steps, tm);
    p.id = rng.id('Problem', fromOffice(w0));
    loop.run(p, steps, w0, scale);
  });

  // Codes in the order problems were opened, numbered per year as the service does.
  const byOpening = [...sims].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const perYear = new Map<number, number>();
  for (const p of byOpening) {
    const year = new Date(p.createdAt).getUTCFullYear();
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    p.code = `VOC-${year}-${String(n).padStart(5, '0')}`;
  }
  d.problems = byOpening;
}
