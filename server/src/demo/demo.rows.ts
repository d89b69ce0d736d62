/**
 * The simulation's result as table rows, typed by the drizzle tables they go into (a renamed or
 * retyped column is a type error here), in the order the writer inserts them.
 */
import {
  actions,
  actionUpdates,
  branches,
  categories,
  consultationExperts,
  consultations,
  contactRecords,
  departments,
  diagnoses,
  diagnosisDepartments,
  extensionRequests,
  feedback,
  hubEvents,
  opinions,
  problems,
  products,
  users,
} from '../app/tables.js';
import { DAY, MINUTE } from './demo.calendar.js';
import { must } from './demo.random.js';
import { contactRows } from './demo.contacts.js';
import type { Demo, FeedbackDraft } from './demo.model.js';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/**
 * The demo's tables, in the order the writer inserts them: parents before children, and in the
 * order that numbers the autoincremented ids (action updates, extension requests, contacts, event
 * seq). Feedback rows come in the order received; contact records are drawn as they are written (a
 * hundred thousand rows need not be held at once); events are every problem and action step, oldest
 * first, so that seq follows time.
 */
export const DEMO_TABLES = {
  branches,
  departments,
  categories,
  products,
  users,
  problems,
  feedback,
  diagnoses,
  diagnosisDepartments,
  consultations,
  consultationExperts,
  opinions,
  actions,
  actionUpdates,
  extensionRequests,
  contactRecords,
  hubEvents,
} as const;

/** A played simulation's rows, table by table, typed by the table each goes into. */
export type DemoRows = { [K in keyof typeof DEMO_TABLES]: Iterable<Insert<(typeof DEMO_TABLES)[K]>> };

/**
 * The rows of a played simulation and its feedback drafts (sorted by receipt). Feedback ids and
 * recording times are drawn here from the feedback stream, after the drafts, as they always were.
 */
export function demoRows(d: Demo, drafts: FeedbackDraft[], passwordHash: string, contactTotal: number): DemoRows {
  const created = d.calendar.start - 400 * DAY;
  // The catalogue was set up over a few minutes, long before the six months.
  const setUp = (i: number): { createdAt: Date; updatedAt: Date } => ({
    createdAt: new Date(created + i * MINUTE),
    updatedAt: new Date(created + i * MINUTE),
  });
  const fbRng = d.rngs.feedback;
  const catIds = new Map(d.categories.map((c) => [c.code, c.id]));
  const feedbackRows = drafts.map((f): Insert<typeof feedback> => {
    const recorded = Math.min(d.now, f.at + Math.floor(fbRng.range(0.5, 5) * MINUTE));
    return {
      id: fbRng.id('Feedback', f.at),
      kind: f.kind,
      channel: f.channel,
      categoryId: must(catIds.get(f.category), f.category),
      productId: f.productId,
      branchId: f.branch.id,
      receivedAt: new Date(f.at),
      text: f.text,
      complaint: f.complaint,
      customerRef: f.customerRef,
      recordedBy: f.recordedBy,
      problemId: f.problemId,
      createdAt: new Date(recorded),
    };
  });
  const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

  return {
    branches: d.nodes.map((n, i): Insert<typeof branches> => ({
      id: n.id,
      code: n.code,
      name: n.name,
      level: n.level,
      parentId: n.parentId,
      path: n.path,
      ...setUp(i),
    })),
    departments: d.departments.map((x, i): Insert<typeof departments> => ({ id: x.id, code: x.code, name: x.name, ...setUp(i) })),
    categories: d.categories.map((x, i): Insert<typeof categories> => ({ id: x.id, code: x.code, name: x.name, ...setUp(i) })),
    products: d.products.map((p): Insert<typeof products> => ({ id: p.id, categoryId: p.categoryId, code: p.code, name: p.name })),
    users: d.users.map((u): Insert<typeof users> => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      branchId: u.branchId,
      departmentId: u.departmentId,
      passwordHash,
      mustChangePassword: false,
      active: true,
      tokenVersion: 0,
      createdAt: new Date(u.createdAt),
      updatedAt: new Date(u.createdAt),
    })),
    problems: d.problems.map((p): Insert<typeof problems> => ({
      id: p.id,
      code: p.code,
      title: p.title,
      status: p.status,
      severity: p.severity,
      categoryId: must(d.catByCode.get(p.theme.category), 'category').id,
      version: p.version,
      createdAt: new Date(p.createdAt),
      updatedAt: new Date(p.updatedAt),
      createdBy: p.createdBy,
      mergedIntoId: p.mergedIntoId,
      dismissReason: p.dismissReason,
      diagnosedAt: date(p.diagnosedAt),
      consultationAt: date(p.consultationAt),
      remediatingAt: date(p.remediatingAt),
      verifyingAt: date(p.verifyingAt),
      resolvedAt: date(p.resolvedAt),
    })),
    feedback: feedbackRows,
    diagnoses: d.diagnoses,
    diagnosisDepartments: d.diagnosisDepartments,
    consultations: [...d.consultations.values()],
    consultationExperts: d.consultationExperts,
    opinions: d.opinions,
    actions: d.problems.flatMap((p) =>
      p.actions.map((a): Insert<typeof actions> => ({
        id: a.id,
        problemId: p.id,
        branchId: a.branch?.id ?? null,
        departmentId: a.departmentId,
        title: a.title,
        description: a.description,
        dueAt: new Date(a.dueAt),
        status: a.status,
        version: a.version,
        position: a.position,
        createdAt: new Date(a.createdAt),
        updatedAt: new Date(a.updatedAt),
        createdBy: a.createdBy,
        confirmedAt: date(a.confirmedAt),
        returnedCount: a.returnedCount,
      })),
    ),
    actionUpdates: [...d.actionUpdates]
      .sort((a, b) => a.at - b.at)
      .map((u): Insert<typeof actionUpdates> => ({
        actionId: u.actionId,
        authorId: u.authorId,
        note: u.note,
        status: u.status,
        at: new Date(u.at),
      })),
    extensionRequests: [...d.extensions]
      .sort((a, b) => a.requestedAt - b.requestedAt)
      .map((x): Insert<typeof extensionRequests> => ({
        actionId: x.actionId,
        requestedDueAt: new Date(x.requestedDueAt),
        previousDueAt: new Date(x.previousDueAt),
        reason: x.reason,
        decision: x.decision,
        requestedBy: x.requestedBy,
        requestedAt: new Date(x.requestedAt),
        decidedBy: x.decidedBy,
        decidedAt: date(x.decidedAt),
      })),
    contactRecords: contactRows(d, contactTotal),
    // The bulk historical feedback gets no FEEDBACK_RECORDED events: 30,000 of them would only bury
    // the loop's own events (the live service writes one for each item it records from now on).
    hubEvents: [...d.events]
      .sort((a, b) => a.at - b.at)
      .map((e): Insert<typeof hubEvents> => ({
        type: e.type,
        at: new Date(e.at),
        actorId: e.actorId,
        problemId: e.problemId,
        actionId: e.actionId,
        feedbackId: null,
        branchId: e.branchId,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: typeof e.note === 'function' ? e.note() : e.note,
      })),
  };
}
