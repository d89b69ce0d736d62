import { and, count, eq, max, sql } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import type { Db } from '../core/db.js';
import type { Viewer } from '../core/viewer.rules.js';
import { roleMay } from '../core/permissions.rules.js';
import { AppError, badInput, conflict, forbidden, notFound } from '../core/errors.js';
import { first } from '../core/sql.js';
import { requiredText } from '../core/validate.js';
import { write, type Emit } from '../event/index.js';
import { complaintCases, complaintCodes, type COMPLAINT_CODE_AXES } from './complaint.table.js';
import { complaintCodeProblem } from './complaint.rules.js';
import { findComplaintCode, type ComplaintCodeRow } from './complaint.repository.js';

type Axis = (typeof COMPLAINT_CODE_AXES)[number];
const NAME_MAX = 100;

const COLUMN = {
  CHANNEL: complaintCases.channelCode,
  BUSINESS: complaintCases.businessCode,
  CAUSE: complaintCases.causeCode,
} as const;

/**
 * The admin's side of the JR/T 0169-2018 code table: the standard is seeded; a bank extends it with
 * its own sub-codes, renames, retires (deactivates: kept for the cases that carry it, refused for
 * new ones) and deletes codes no case carries. Each change is a COMPLAINT_CODE_CHANGED event and,
 * as every mutation, an audit row.
 */
export class ComplaintCodeService {
  constructor(private readonly deps: HubDeps) {}

  private assertAdmin(viewer: Viewer): void {
    if (!roleMay(viewer.role, 'administer')) throw forbidden('Only an administrator edits the complaint code table.');
  }

  private async load(tx: Db, axis: Axis, code: string, expectedVersion: number): Promise<ComplaintCodeRow> {
    const row = await findComplaintCode(tx, axis, code);
    if (!row) throw notFound('ComplaintCode', `${axis}:${code}`);
    if (row.version !== expectedVersion) throw conflict(row.version);
    return row;
  }

  private event(emit: Emit, viewer: Viewer, note: string) {
    return emit({ type: 'COMPLAINT_CODE_CHANGED', actorId: viewer.id, note });
  }

  /** Adds a code under an existing class of the same axis (or a new top-level class). */
  async add(viewer: Viewer, input: { axis: Axis; code: string; name: string; parentCode?: string | null }): Promise<ComplaintCodeRow> {
    this.assertAdmin(viewer);
    const code = requiredText('input.code', input.code, 32).trim();
    const name = requiredText('input.name', input.name, NAME_MAX).trim();
    const problem = complaintCodeProblem(input.axis, code, input.parentCode ?? null);
    if (problem) throw badInput(problem.field, problem.message);
    return write(this.deps, async (tx, emit) => {
      if (await findComplaintCode(tx, input.axis, code)) throw badInput('input.code', `${code} is already a code.`);
      if (input.parentCode && !(await findComplaintCode(tx, input.axis, input.parentCode)))
        throw badInput('input.parentCode', `${input.parentCode} is not a code of this axis.`);
      const last = await first(
        tx
          .select({ p: max(complaintCodes.position) })
          .from(complaintCodes)
          .where(eq(complaintCodes.axis, input.axis)),
      );
      const row = (await first(
        tx
          .insert(complaintCodes)
          .values({
            axis: input.axis,
            code,
            name,
            parentCode: input.parentCode ?? null,
            position: (last?.p ?? 0) + 1,
            active: true,
            version: 1,
          })
          .returning(),
      ))!;
      await this.event(emit, viewer, `新增投诉分类编码 ${code} ${name}`);
      return row;
    });
  }

  /** Renames a code, or deactivates / reactivates it; the version must be the one read. */
  async update(
    viewer: Viewer,
    input: { axis: Axis; code: string; expectedVersion: number; name?: string | null; active?: boolean | null },
  ): Promise<ComplaintCodeRow> {
    this.assertAdmin(viewer);
    const name = input.name == null ? null : requiredText('input.name', input.name, NAME_MAX).trim();
    if (name === null && input.active == null) throw badInput('input', 'Give a new name, or active.');
    return write(this.deps, async (tx, emit) => {
      const row = await this.load(tx, input.axis, input.code, input.expectedVersion);
      const set: Partial<ComplaintCodeRow> = {};
      const notes: string[] = [];
      if (name !== null && name !== row.name) {
        set.name = name;
        notes.push(`更名为 ${name}`);
      }
      if (input.active != null && input.active !== row.active) {
        set.active = input.active;
        notes.push(input.active ? '恢复启用' : '停用');
      }
      if (!notes.length) return row;
      const updated = (await first(
        tx
          .update(complaintCodes)
          .set({ ...set, version: sql`${complaintCodes.version} + 1` })
          .where(and(eq(complaintCodes.axis, row.axis), eq(complaintCodes.code, row.code), eq(complaintCodes.version, row.version)))
          .returning(),
      ))!;
      await this.event(emit, viewer, `投诉分类编码 ${row.code} ${notes.join('，')}`);
      return updated;
    });
  }

  /** Deletes a code no case carries and no code sits under; a used one is refused (deactivate it instead). */
  async delete(viewer: Viewer, input: { axis: Axis; code: string; expectedVersion: number }): Promise<ComplaintCodeRow> {
    this.assertAdmin(viewer);
    return write(this.deps, async (tx, emit) => {
      const row = await this.load(tx, input.axis, input.code, input.expectedVersion);
      const used = (await first(tx.select({ n: count() }).from(complaintCases).where(eq(COLUMN[row.axis], row.code))))?.n ?? 0;
      if (used)
        throw new AppError('INVALID_TRANSITION', `${row.code} is carried by ${used} complaint case(s): deactivate it instead.`, {
          field: 'input.code',
          cases: used,
        });
      const children =
        (
          await first(
            tx
              .select({ n: count() })
              .from(complaintCodes)
              .where(and(eq(complaintCodes.axis, row.axis), eq(complaintCodes.parentCode, row.code))),
          )
        )?.n ?? 0;
      if (children)
        throw new AppError('INVALID_TRANSITION', `${row.code} has ${children} code(s) under it: delete or move them first.`, {
          field: 'input.code',
        });
      await tx.delete(complaintCodes).where(and(eq(complaintCodes.axis, row.axis), eq(complaintCodes.code, row.code)));
      await this.event(emit, viewer, `删除投诉分类编码 ${row.code} ${row.name}`);
      return row;
    });
  }
}
