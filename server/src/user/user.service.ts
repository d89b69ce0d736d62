import { eq } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import type { Viewer } from '../core/viewer.rules.js';
import { users } from './user.table.js';
import { type RoleCode } from '../core/roles.js';
import { departments } from '../org/index.js';
import { badInput, forbidden, notFound, AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { requiredText, idOf } from '../core/validate.js';
import { roleMay } from '../core/permissions.rules.js';
import { hashPassword, passwordProblem } from '../core/password.js';
import { findUserById, listUsers, type UserRow } from './user.repository.js';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';

export interface CreateUserFields {
  username: string;
  displayName: string;
  role: RoleCode;
  branchId?: string | null;
  departmentId?: string | null;
  password: string;
}

export interface UpdateUserFields {
  id: string;
  displayName?: string | null;
  role?: RoleCode | null;
  branchId?: string | null;
  departmentId?: string | null;
}

/**
 * A branch manager is scoped to a branch, an expert belongs to a department; other roles may
 * carry a branch (where they sit) but no department.
 */
export function assignmentProblem(
  role: RoleCode,
  branchId: string | null,
  departmentId: string | null,
): { field: string; message: string } | undefined {
  if (role === 'BRANCH_MANAGER' && !branchId) return { field: 'input.branchId', message: 'A branch manager needs a branch.' };
  if (role === 'EXPERT' && !departmentId) return { field: 'input.departmentId', message: 'An expert needs a department.' };
  if (role !== 'EXPERT' && departmentId) return { field: 'input.departmentId', message: 'Only an expert belongs to a department.' };
  return undefined;
}

/** The people of the hub, managed by an administrator. */
export class UserService {
  constructor(private readonly deps: HubDeps) {}

  async list(viewer: Viewer, role?: RoleCode | null): Promise<UserRow[]> {
    const rows = await listUsers(this.deps.store.read, role);
    // A branch manager sees the people of their own subtree and the head office's loop owners.
    if (!viewer.scope) return rows;
    return rows.filter((u) => (u.branchId ? viewer.scope!.has(u.branchId) : true) || u.role !== 'BRANCH_MANAGER');
  }

  /** After a committed change of a user: live streams re-check their rights before the next delivery. */
  private async changed<T>(work: Promise<T>): Promise<T> {
    const result = await work;
    this.deps.rights.bump();
    return result;
  }

  private assertAdmin(viewer: Viewer): void {
    if (!roleMay(viewer.role, 'administer')) throw forbidden('Only an administrator manages users.');
  }

  private async checkAssignment(tx: Db, role: RoleCode, branchId: string | null, departmentId: string | null): Promise<void> {
    if (branchId && !this.deps.org.get(branchId)) throw badInput('input.branchId', 'input.branchId is not a branch.');
    if (departmentId && !(await first(tx.select().from(departments).where(eq(departments.id, departmentId)))))
      throw badInput('input.departmentId', 'input.departmentId is not a department.');
    const problem = assignmentProblem(role, branchId, departmentId);
    if (problem) throw badInput(problem.field, problem.message);
  }

  /** Creates a user with an initial password they must change at first sign-in. */
  async create(viewer: Viewer, input: CreateUserFields): Promise<UserRow> {
    this.assertAdmin(viewer);
    const username = requiredText('input.username', input.username, 64).toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(username)) throw badInput('input.username', 'A username is letters, digits, ".", "_" and "-".');
    const displayName = requiredText('input.displayName', input.displayName, 100);
    const branchId = input.branchId ? idOf('input.branchId', input.branchId, 'Branch') : null;
    const departmentId = input.departmentId ? idOf('input.departmentId', input.departmentId, 'Department') : null;
    const problem = passwordProblem(input.password, this.deps.env.PASSWORD_MIN_LENGTH);
    if (problem) throw badInput('input.password', problem);
    const passwordHash = await hashPassword(input.password);
    return this.deps.store.transaction(async (tx) => {
      await this.checkAssignment(tx, input.role, branchId, departmentId);
      if (await first(tx.select({ id: users.id }).from(users).where(eq(users.username, username))))
        throw badInput('input.username', 'This username is taken.');
      const now = this.deps.clock.now();
      const [created] = await tx
        .insert(users)
        .values({
          id: newId('User'),
          username,
          displayName,
          role: input.role,
          branchId,
          departmentId,
          passwordHash,
          mustChangePassword: true,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return created!;
    });
  }

  /** Changes a user's name, role, branch or department; a change of rights ends their sign-ins. */
  async update(viewer: Viewer, input: UpdateUserFields): Promise<UserRow> {
    this.assertAdmin(viewer);
    const id = idOf('input.id', input.id, 'User');
    return this.changed(
      this.deps.store.transaction(async (tx) => {
        const user = await findUserById(tx, id);
        if (!user) throw notFound('User', id);
        const role = input.role ?? user.role;
        const branchId =
          input.branchId === undefined ? user.branchId : input.branchId ? idOf('input.branchId', input.branchId, 'Branch') : null;
        let departmentId =
          input.departmentId === undefined
            ? user.departmentId
            : input.departmentId
              ? idOf('input.departmentId', input.departmentId, 'Department')
              : null;
        if (role !== 'EXPERT' && input.departmentId === undefined) departmentId = null;
        await this.checkAssignment(tx, role, branchId, departmentId);
        const rightsChanged = role !== user.role || branchId !== user.branchId || departmentId !== user.departmentId;
        if (rightsChanged && user.id === viewer.id && role !== 'ADMIN')
          throw badInput('input.role', 'You cannot take away your own administration right.');
        const displayName = input.displayName == null ? user.displayName : requiredText('input.displayName', input.displayName, 100);
        return (await first(
          tx
            .update(users)
            .set({
              displayName,
              role,
              branchId,
              departmentId,
              tokenVersion: user.tokenVersion + (rightsChanged ? 1 : 0),
              updatedAt: this.deps.clock.now(),
            })
            .where(eq(users.id, id))
            .returning(),
        ))!;
      }),
    );
  }

  /** Deactivated users cannot sign in, and their open sign-ins stop working at once. */
  async setActive(viewer: Viewer, id: string, active: boolean): Promise<UserRow> {
    this.assertAdmin(viewer);
    idOf('input.id', id, 'User');
    if (id === viewer.id && !active) throw badInput('input.id', 'You cannot deactivate yourself.');
    return this.changed(
      this.deps.store.transaction(async (tx) => {
        const user = await findUserById(tx, id);
        if (!user) throw notFound('User', id);
        if (user.active === active) return user;
        return (await first(
          tx
            .update(users)
            .set({ active, tokenVersion: user.tokenVersion + 1, updatedAt: this.deps.clock.now() })
            .where(eq(users.id, id))
            .returning(),
        ))!;
      }),
    );
  }

  /** Sets a temporary password; the user must change it at the next sign-in. */
  async resetPassword(viewer: Viewer, id: string, password: string): Promise<UserRow> {
    this.assertAdmin(viewer);
    idOf('input.id', id, 'User');
    const problem = passwordProblem(password, this.deps.env.PASSWORD_MIN_LENGTH);
    if (problem) throw badInput('input.newPassword', problem);
    const passwordHash = await hashPassword(password);
    const row = await this.changed(
      this.deps.store.transaction(async (tx) => {
        const user = await findUserById(tx, id);
        if (!user) throw notFound('User', id);
        return first(
          tx
            .update(users)
            .set({ passwordHash, mustChangePassword: true, tokenVersion: user.tokenVersion + 1, updatedAt: this.deps.clock.now() })
            .where(eq(users.id, id))
            .returning(),
        );
      }),
    );
    if (!row) throw new AppError('INTERNAL_SERVER_ERROR', 'The password could not be reset.');
    return row;
  }
}
