import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';
import { diagnoses, opinions } from '../loop/index.js';
import { evidenceFiles, type EvidenceParentCode } from './evidence.table.js';

export type EvidenceRow = typeof evidenceFiles.$inferSelect;

export const findEvidence = (db: Db, id: string): Promise<EvidenceRow | undefined> =>
  first(db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id)));

export async function insertEvidence(tx: Db, row: EvidenceRow): Promise<void> {
  await tx.insert(evidenceFiles).values(row);
}

export async function markRemoved(tx: Db, id: string, by: string, reason: string, now: Date): Promise<void> {
  await tx
    .update(evidenceFiles)
    .set({ removedAt: now, removedBy: by, removedReason: reason })
    .where(and(eq(evidenceFiles.id, id), isNull(evidenceFiles.removedAt)));
}

/** The files (not removed) of each action, oldest first. */
export const evidenceOfActions = (db: Db, actionIds: readonly string[]): Promise<EvidenceRow[]> =>
  db
    .select()
    .from(evidenceFiles)
    .where(and(inArray(evidenceFiles.actionId, [...actionIds]), isNull(evidenceFiles.removedAt)))
    .orderBy(asc(evidenceFiles.uploadedAt), asc(evidenceFiles.id));

/** The files (not removed) of a kind of problem part (PROBLEM, DIAGNOSIS, OPINION) of each problem, oldest first. */
export const evidenceOfProblems = (db: Db, kind: EvidenceParentCode, problemIds: readonly string[]): Promise<EvidenceRow[]> =>
  db
    .select()
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.parentKind, kind), inArray(evidenceFiles.problemId, [...problemIds]), isNull(evidenceFiles.removedAt)))
    .orderBy(asc(evidenceFiles.uploadedAt), asc(evidenceFiles.id));

export const diagnosisExists = async (db: Db, problemId: string): Promise<boolean> =>
  !!(await first(db.select({ id: diagnoses.problemId }).from(diagnoses).where(eq(diagnoses.problemId, problemId))));

export const opinionExists = async (db: Db, problemId: string, expertId: string): Promise<boolean> =>
  !!(await first(
    db
      .select({ id: opinions.expertId })
      .from(opinions)
      .where(and(eq(opinions.problemId, problemId), eq(opinions.expertId, expertId))),
  ));
