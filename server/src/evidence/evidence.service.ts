import type { Readable } from 'node:stream';
import type { HubDeps } from '../core/hub.js';
import type { Viewer } from '../core/viewer.rules.js';
import type { Db } from '../core/db.js';
import { AppError, badInput, forbidden, invalidTransition, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { write } from '../event/index.js';
import { findAction, findProblem, problemConcerns } from '../loop/index.js';
import type { AuditScope, AuditService } from '../audit/index.js';
import { attachRefusal, EVIDENCE_TYPES, fileNameProblem, mayRemove, type ParentFacts } from './evidence.rules.js';
import { decideType, type ReceivedFile } from './evidence.receive.js';
import type { EvidenceStorage } from './evidence.storage.js';
import type { EvidenceParentCode } from './evidence.table.js';
import {
  diagnosisExists,
  evidenceOfActions,
  evidenceOfProblems,
  findEvidence,
  insertEvidence,
  markRemoved,
  opinionExists,
  type EvidenceRow,
} from './evidence.repository.js';

/** The part of the loop a file is attached to: an action by its id; a problem, its diagnosis or an opinion by the problem's id. */
export interface EvidenceParent {
  kind: EvidenceParentCode;
  id: string;
}

/** Where a checked parent sits: what the row and the event record. */
interface Placed {
  problemId: string;
  actionId: string | null;
  branchId: string | null;
  expertId: string | null;
}

const CLOSED_PROBLEM = new Set(['MERGED', 'DISMISSED']);
const MAX_REASON = 2_000;

/**
 * Evidence files on actions, problems, diagnoses and opinions: who may attach (whoever may write
 * the parent), who may see and download (whoever may see the parent: branch scoping, NOT_FOUND
 * otherwise), removal by the uploader or the coordinator with a reason. Each attach and removal
 * writes its event (EVIDENCE_ADDED, EVIDENCE_REMOVED: a line in the problem's history) and its
 * audit row; each download its audit row.
 */
export class EvidenceService {
  constructor(
    private readonly deps: HubDeps,
    readonly storage: EvidenceStorage,
    private readonly audit: AuditService,
  ) {}

  /** The largest file accepted, in bytes (EVIDENCE_MAX_MB). */
  get maxBytes(): number {
    return Math.round(this.deps.env.EVIDENCE_MAX_MB * 1024 * 1024);
  }

  /**
   * Whether the viewer may attach a file to the parent, checked before a byte of the file is read.
   * Throws NOT_FOUND (no such parent, or outside the viewer's scope), FORBIDDEN (the role or the
   * person may not write it), INVALID_TRANSITION (the parent takes no more files now).
   */
  async checkAttach(viewer: Viewer, parent: EvidenceParent, db: Db = this.deps.store.read): Promise<Placed> {
    if (parent.kind === 'ACTION') {
      const action = await findAction(db, parent.id);
      if (!action || (viewer.scope && !(action.branchId && viewer.scope.has(action.branchId)))) throw notFound('LinkageAction', parent.id);
      this.refuse(
        viewer,
        { kind: 'ACTION', branchId: action.branchId, departmentId: action.departmentId, status: action.status },
        action.status,
      );
      return { problemId: action.problemId, actionId: action.id, branchId: action.branchId, expertId: null };
    }
    const problem = await findProblem(db, parent.id);
    if (!problem || (viewer.scope && !(await problemConcerns(db, problem.id, viewer.scope)))) throw notFound('Problem', parent.id);
    const facts: ParentFacts = parent.kind === 'OPINION' ? { kind: 'OPINION', expertId: viewer.id } : { kind: parent.kind };
    this.refuse(viewer, facts, problem.status);
    if (CLOSED_PROBLEM.has(problem.status)) throw invalidTransition(problem.status, 'attach evidence');
    if (parent.kind === 'DIAGNOSIS' && !(await diagnosisExists(db, problem.id)))
      throw new AppError('INVALID_TRANSITION', 'The problem has no diagnosis yet.', { from: problem.status, operation: 'attach evidence' });
    if (parent.kind === 'OPINION' && !(await opinionExists(db, problem.id, viewer.id)))
      throw new AppError('INVALID_TRANSITION', 'Give your opinion first, then attach its files.', {
        from: problem.status,
        operation: 'attach evidence',
      });
    return { problemId: problem.id, actionId: null, branchId: null, expertId: parent.kind === 'OPINION' ? viewer.id : null };
  }

  private refuse(viewer: Viewer, facts: ParentFacts, status: string): void {
    const refusal = attachRefusal(viewer, facts);
    if (refusal === 'FORBIDDEN') throw forbidden('You may not attach files here.');
    if (refusal === 'INVALID_TRANSITION') throw invalidTransition(status, 'attach evidence');
  }

  /**
   * Records a received file: its type decided from the content against the allowed list
   * (BAD_USER_INPUT, HTTP 415, otherwise), the bytes kept under their hash, the row, its event and
   * (through the request's audit scope) its audit row, in one transaction. The parent is checked
   * again inside it: a row reassigned meanwhile is refused as it would be now.
   */
  async attach(viewer: Viewer, parent: EvidenceParent, fileName: string, file: ReceivedFile): Promise<EvidenceRow> {
    const nameProblem = fileNameProblem(fileName);
    if (nameProblem) throw badInput('fileName', nameProblem);
    const type = await decideType(file);
    if (!type)
      throw new AppError(
        'BAD_USER_INPUT',
        'This type of file is not accepted: send an image (PNG, JPEG, GIF, WebP), a PDF, an Office document or plain text.',
        { field: 'file', status: 415 },
      );
    return write(this.deps, async (tx, emit, now) => {
      const placed = await this.checkAttach(viewer, parent, tx);
      await this.storage.keep(tx, file.sha256, file.path);
      const row: EvidenceRow = {
        id: newId('Evidence', now.getTime()),
        parentKind: parent.kind,
        problemId: placed.problemId,
        actionId: placed.actionId,
        expertId: placed.expertId,
        fileName,
        contentType: EVIDENCE_TYPES[type].contentType,
        size: file.size,
        sha256: file.sha256,
        uploadedBy: viewer.id,
        uploadedAt: now,
        removedAt: null,
        removedBy: null,
        removedReason: null,
      };
      await insertEvidence(tx, row);
      await emit({
        type: 'EVIDENCE_ADDED',
        actorId: viewer.id,
        problemId: placed.problemId,
        actionId: placed.actionId,
        branchId: placed.branchId,
        note: fileName,
      });
      return row;
    });
  }

  /**
   * Removes a file from its parent's list, with the reason: the uploader or the coordinator.
   * The row stays (who, when, why); the bytes stay for the audit. NOT_FOUND for a file the viewer
   * may not see or already removed; FORBIDDEN for anyone else.
   */
  async remove(viewer: Viewer, input: { evidenceId: string; reason: string }): Promise<EvidenceRow> {
    const reason = input.reason.trim();
    if (!reason) throw badInput('input.reason', 'Say why the file is removed.');
    if (reason.length > MAX_REASON) throw badInput('input.reason', `A reason may have at most ${MAX_REASON} characters.`);
    return write(this.deps, async (tx, emit, now) => {
      const row = await this.visible(viewer, input.evidenceId, tx);
      if (!row || row.removedAt) throw notFound('Evidence', input.evidenceId);
      if (!mayRemove(viewer, row)) throw forbidden('Only the uploader or the coordinator may remove a file.');
      await markRemoved(tx, row.id, viewer.id, reason, now);
      const action = row.actionId ? await findAction(tx, row.actionId) : undefined;
      await emit({
        type: 'EVIDENCE_REMOVED',
        actorId: viewer.id,
        problemId: row.problemId,
        actionId: row.actionId,
        branchId: action?.branchId ?? null,
        note: `${row.fileName}: ${reason}`,
      });
      return { ...row, removedAt: now, removedBy: viewer.id, removedReason: reason };
    });
  }

  /** A file, or null when it does not exist or its parent lies outside what the viewer may see. */
  async visible(viewer: Viewer, id: string, db: Db = this.deps.store.read): Promise<EvidenceRow | null> {
    const row = await findEvidence(db, id);
    if (!row) return null;
    if (!viewer.scope) return row;
    if (row.actionId) {
      const action = await findAction(db, row.actionId);
      return action?.branchId && viewer.scope.has(action.branchId) ? row : null;
    }
    return (await problemConcerns(db, row.problemId, viewer.scope)) ? row : null;
  }

  /**
   * A download: the file's row and its bytes, for whoever may see its parent (NOT_FOUND
   * otherwise, removed files too), recorded in the audit trail before a byte is sent.
   */
  async download(viewer: Viewer, id: string, scope: AuditScope | undefined): Promise<{ row: EvidenceRow; body: Readable }> {
    const row = await this.visible(viewer, id);
    if (!row || row.removedAt) throw notFound('Evidence', id);
    const body = await this.storage.open(this.deps.store.read, row.sha256);
    if (scope) {
      scope.actorId = viewer.id;
      scope.operation = 'downloadEvidence';
      scope.detail = JSON.stringify({ evidenceId: row.id, problemId: row.problemId, sha256: row.sha256 });
      await this.audit.afterResponse(scope, null, true);
    }
    return { row, body };
  }

  /** Per request: the files of actions, batched (the action is visible, so are its files). */
  ofActions(db: Db, actionIds: readonly string[]): Promise<EvidenceRow[]> {
    return evidenceOfActions(db, actionIds);
  }

  /** Per request: the files of a kind of problem part, batched. */
  ofProblems(db: Db, kind: EvidenceParentCode, problemIds: readonly string[]): Promise<EvidenceRow[]> {
    return evidenceOfProblems(db, kind, problemIds);
  }
}
