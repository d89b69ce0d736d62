import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { exec, greatest, pick, row, rows as rowsOf } from '../core/sql.js';
import type { Limit } from '../core/calendar.rules.js';
import { minimumSpanMs, type StageStatus } from './deadline.rules.js';
import type { ActionRow } from '../loop/index.js';

/**
 * Claims a deadline: true when this call inserted the mark (and so must write the event), false
 * when it was there already — written by an earlier scan, another process, or before a restart.
 */
export async function claimMark(tx: Db, kind: string, subjectId: string, dueKey: number, at: Date): Promise<boolean> {
  const changes = await exec(
    tx,
    pick(tx, {
      sqlite: sql`INSERT OR IGNORE INTO deadline_marks (kind, subject_id, due_key, marked_at) VALUES (${kind}, ${subjectId}, ${dueKey}, ${at.getTime()})`,
      postgres: sql`INSERT INTO deadline_marks (kind, subject_id, due_key, marked_at) VALUES (${kind}, ${subjectId}, ${dueKey}, ${at.getTime()}) ON CONFLICT DO NOTHING`,
    }),
  );
  return changes === 1;
}

export async function hasMark(db: Db, kind: string, subjectId: string, dueKey: number): Promise<boolean> {
  return !!(await row(
    db,
    sql`SELECT 1 AS x FROM deadline_marks WHERE kind = ${kind} AND subject_id = ${subjectId} AND due_key = ${dueKey}`,
  ));
}

export interface OverdueCandidate {
  id: string;
  problemId: string;
  branchId: string | null;
  departmentId: string | null;
  title: string;
  dueAt: number;
  status: ActionRow['status'];
  /** No ACTION_OVERDUE mark for this due date yet. */
  needsOverdue: boolean;
  /** No ACTION_ESCALATED mark for this due date yet. */
  needsEscalation: boolean;
}

/**
 * SQL true while no mark of `kind` exists for the subject and due key given as SQL expressions of
 * the caller's row: how another module's deadline query (a DeadlineSource) leaves out what the hub
 * has already said, so that a quiet scan reads nothing.
 */
export const unmarked = (kind: SQL | string, subjectId: SQL, dueKey: SQL): SQL =>
  sql`NOT EXISTS (SELECT 1 FROM deadline_marks m WHERE m.kind = ${kind} AND m.subject_id = ${subjectId} AND m.due_key = ${dueKey})`;

const notMarked = (kind: string) =>
  sql`NOT EXISTS (SELECT 1 FROM deadline_marks m WHERE m.kind = ${kind} AND m.subject_id = a.id AND m.due_key = a.due_at)`;

/**
 * Unconfirmed actions past their due date that may still owe an event: no ACTION_OVERDUE mark yet
 * for this due date, or (escalation on) old enough to be escalated and not escalated yet. A cheap
 * superset (a working day is never shorter than a day): the caller applies the working calendar.
 */
export async function overdueActionCandidates(
  db: Db,
  now: number,
  escalateAfter: Limit | null,
  limit: number,
): Promise<OverdueCandidate[]> {
  const escalation = escalateAfter
    ? sql` OR (a.due_at <= ${now - minimumSpanMs(escalateAfter)} AND ${notMarked('ACTION_ESCALATED')})`
    : sql``;
  const rows = await rowsOf<{
    id: string;
    problem_id: string;
    branch_id: string | null;
    department_id: string | null;
    title: string;
    due_at: number;
    status: ActionRow['status'];
    // 0/1 on SQLite, a boolean on PostgreSQL.
    needs_overdue: number | boolean;
    needs_escalation: number | boolean;
  }>(
    db,
    sql`
    SELECT a.id, a.problem_id, a.branch_id, a.department_id, a.title, a.due_at, a.status,
      ${notMarked('ACTION_OVERDUE')} AS needs_overdue, ${notMarked('ACTION_ESCALATED')} AS needs_escalation
    FROM actions a
    WHERE a.status IN ('ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED') AND a.due_at < ${now}
      AND (${notMarked('ACTION_OVERDUE')}${escalation})
    ORDER BY a.due_at, a.id LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    problemId: r.problem_id,
    branchId: r.branch_id,
    departmentId: r.department_id,
    title: r.title,
    dueAt: r.due_at,
    status: r.status,
    needsOverdue: Number(r.needs_overdue) === 1,
    needsEscalation: Number(r.needs_escalation) === 1,
  }));
}

export interface StageCandidate {
  id: string;
  code: string;
  title: string;
  status: StageStatus;
  anchor: number;
  consultationDueAt: number | null;
}

const anchors = (db: Db): Record<StageStatus, SQL> => ({
  OPEN: sql`p.created_at`,
  DIAGNOSED: sql`p.diagnosed_at`,
  IN_CONSULTATION: sql`p.consultation_at`,
  REMEDIATING: greatest(
    db,
    sql`coalesce(p.remediating_at, 0)`,
    sql`coalesce((SELECT max(e.at) FROM hub_events e WHERE e.problem_id = p.id AND e.type = 'PROBLEM_REOPENED'), 0)`,
  ),
  VERIFYING: sql`p.verifying_at`,
});

/** When the latest reopening of a problem happened, if ever: it restarts the remediation stage. */
export async function reopenedAt(db: Db, problemId: string): Promise<number | null> {
  const r = await row<{ at: number | null }>(
    db,
    sql`SELECT max(at) AS at FROM hub_events WHERE problem_id = ${problemId} AND type = 'PROBLEM_REOPENED'`,
  );
  return r?.at ?? null;
}

/**
 * Problems whose current stage may be past its limit and has no STAGE_OVERDUE mark for this stage
 * entry: a cheap superset (a working day is never shorter than a day); the caller applies the
 * working calendar. A consultation's own due date counts too.
 */
export async function stageCandidates(
  db: Db,
  now: number,
  limits: Record<StageStatus, Limit | null>,
  limit: number,
): Promise<StageCandidate[]> {
  const parts: SQL[] = [];
  const ANCHOR = anchors(db);
  for (const [status, stageLimit] of Object.entries(limits) as [StageStatus, Limit | null][]) {
    // A stage without a limit can still be late by a consultation's own due date, and no other way.
    if (!stageLimit && status !== 'IN_CONSULTATION') continue;
    const anchor = ANCHOR[status];
    const late = stageLimit ? sql`${anchor} <= ${now - minimumSpanMs(stageLimit)}` : pick(db, { sqlite: sql`0`, postgres: sql`false` });
    const own = status === 'IN_CONSULTATION' ? sql` OR (c.due_at IS NOT NULL AND c.due_at < ${now})` : sql``;
    parts.push(sql`SELECT p.id, p.code, p.title, p.status, ${anchor} AS anchor, c.due_at AS consultation_due_at
      FROM problems p LEFT JOIN consultations c ON c.problem_id = p.id
      WHERE p.status = ${status} AND ${anchor} IS NOT NULL AND (${late}${own})`);
  }
  const rows = await rowsOf<{
    id: string;
    code: string;
    title: string;
    status: StageStatus;
    anchor: number;
    consultation_due_at: number | null;
  }>(
    db,
    sql`SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) s
      WHERE NOT EXISTS (SELECT 1 FROM deadline_marks m WHERE m.kind = 'STAGE_OVERDUE:' || s.status AND m.subject_id = s.id AND m.due_key = s.anchor)
      ORDER BY s.anchor, s.id LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    status: r.status,
    anchor: r.anchor,
    consultationDueAt: r.consultation_due_at,
  }));
}

export const stageMarkKind = (status: string): string => `STAGE_OVERDUE:${status}`;
