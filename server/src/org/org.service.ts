import { eq, asc, like, sql } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import type { Viewer } from '../core/viewer.rules.js';
import { branches, departments, categories, products } from './org.table.js';
import { badInput, forbidden, notFound, AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { requiredText, idOf } from '../core/validate.js';
import { roleMay } from '../core/permissions.rules.js';
import { levelProblem, codeProblem, type LevelCode } from './org.rules.js';
import type { BranchRow } from './org.directory.js';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';

export type DepartmentRow = typeof departments.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;

function assertAdmin(viewer: Viewer): void {
  if (!roleMay(viewer.role, 'administer')) throw forbidden('Only an administrator manages the organisation.');
}

function checkedCode(field: string, value: string): string {
  const code = requiredText(field, value, 32).toUpperCase();
  const problem = codeProblem(code);
  if (problem) throw badInput(field, problem);
  return code;
}

/** Turns a UNIQUE violation on `code` into the contract's BAD_USER_INPUT naming the field. */
async function uniqueCode<T>(field: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    // SQLite's error as thrown; PostgreSQL's (unique_violation, 23505) as the cause of drizzle's query error.
    if (
      String((err as Error).message).includes('UNIQUE constraint failed') ||
      (err as { cause?: { code?: string } }).cause?.code === '23505'
    )
      throw badInput(field, 'This code is already in use.');
    throw err;
  }
}

/** The organisation: the branch tree, departments, categories and products. */
export class OrgService {
  constructor(private readonly deps: HubDeps) {}

  branches(viewer: Viewer): BranchRow[] {
    const all = this.deps.org.list();
    return viewer.scope ? all.filter((b) => viewer.scope!.has(b.id)) : all;
  }

  async departments(): Promise<DepartmentRow[]> {
    return await this.deps.store.read.select().from(departments).orderBy(asc(departments.code));
  }

  async categories(): Promise<CategoryRow[]> {
    return await this.deps.store.read.select().from(categories).orderBy(asc(categories.code));
  }

  async products(categoryId?: string | null): Promise<ProductRow[]> {
    const q = this.deps.store.read.select().from(products);
    return await (categoryId ? q.where(eq(products.categoryId, categoryId)) : q).orderBy(asc(products.code));
  }

  /** Adds a node to the tree, exactly one level below its parent. */
  async createBranch(
    viewer: Viewer,
    input: { code: string; name: string; level: LevelCode; parentId?: string | null },
  ): Promise<BranchRow> {
    assertAdmin(viewer);
    const code = checkedCode('input.code', input.code);
    const name = requiredText('input.name', input.name, 100);
    const parent = input.parentId ? this.deps.org.get(idOf('input.parentId', input.parentId, 'Branch')) : null;
    if (input.parentId && !parent) throw badInput('input.parentId', 'input.parentId is not a branch.');
    const problem = levelProblem(input.level, parent?.level ?? null);
    if (problem) throw badInput(parent ? 'input.level' : 'input.parentId', problem);
    const row = await this.deps.store.transaction(async (tx) => {
      if (!parent && (await first(tx.select().from(branches).where(eq(branches.level, 'HEAD_OFFICE')))))
        throw badInput('input.level', 'There is already a head office.');
      const id = newId('Branch');
      const now = this.deps.clock.now();
      return uniqueCode(
        'input.code',
        async () =>
          (await first(
            tx
              .insert(branches)
              .values({
                id,
                code,
                name,
                level: input.level,
                parentId: parent?.id ?? null,
                path: `${parent?.path ?? '/'}${id}/`,
                createdAt: now,
                updatedAt: now,
              })
              .returning(),
          ))!,
      );
    });
    await this.deps.org.refresh();
    return row;
  }

  /** Renames or moves a node; a move carries its whole subtree and must keep the levels. */
  async updateBranch(
    viewer: Viewer,
    input: { id: string; code?: string | null; name?: string | null; parentId?: string | null },
  ): Promise<BranchRow> {
    assertAdmin(viewer);
    const branch = this.deps.org.get(idOf('input.id', input.id, 'Branch'));
    if (!branch) throw notFound('Branch', input.id);
    const code = input.code == null ? branch.code : checkedCode('input.code', input.code);
    const name = input.name == null ? branch.name : requiredText('input.name', input.name, 100);
    let path = branch.path;
    let parentId = branch.parentId;
    if (input.parentId != null && input.parentId !== branch.parentId) {
      const parent = this.deps.org.get(idOf('input.parentId', input.parentId, 'Branch'));
      if (!parent) throw badInput('input.parentId', 'input.parentId is not a branch.');
      if (parent.path.startsWith(branch.path)) throw badInput('input.parentId', 'A branch cannot move under itself.');
      const problem = levelProblem(branch.level, parent.level);
      if (problem) throw badInput('input.parentId', problem);
      parentId = parent.id;
      path = `${parent.path}${branch.id}/`;
    }
    const row = await this.deps.store.transaction(async (tx) => {
      const now = this.deps.clock.now();
      if (path !== branch.path) {
        await tx
          .update(branches)
          .set({ path: sql`${path} || substr(${branches.path}, ${branch.path.length + 1})`, updatedAt: now })
          .where(like(branches.path, `${branch.path}%`));
      }
      return uniqueCode('input.code', () =>
        first(tx.update(branches).set({ code, name, parentId, updatedAt: now }).where(eq(branches.id, branch.id)).returning()),
      );
    });
    await this.deps.org.refresh();
    if (!row) throw new AppError('INTERNAL_SERVER_ERROR', 'The branch could not be updated.');
    return row;
  }

  async createDepartment(viewer: Viewer, input: { code: string; name: string }): Promise<DepartmentRow> {
    assertAdmin(viewer);
    return this.createNamed(departments, 'Department', input) as Promise<DepartmentRow>;
  }

  async updateDepartment(viewer: Viewer, input: { id: string; code?: string | null; name?: string | null }): Promise<DepartmentRow> {
    assertAdmin(viewer);
    return this.updateNamed(departments, 'Department', input) as Promise<DepartmentRow>;
  }

  async createCategory(viewer: Viewer, input: { code: string; name: string }): Promise<CategoryRow> {
    assertAdmin(viewer);
    return this.createNamed(categories, 'Category', input) as Promise<CategoryRow>;
  }

  async updateCategory(viewer: Viewer, input: { id: string; code?: string | null; name?: string | null }): Promise<CategoryRow> {
    assertAdmin(viewer);
    return this.updateNamed(categories, 'Category', input) as Promise<CategoryRow>;
  }

  async createProduct(viewer: Viewer, input: { categoryId: string; code: string; name: string }): Promise<ProductRow> {
    assertAdmin(viewer);
    const categoryId = idOf('input.categoryId', input.categoryId, 'Category');
    const code = checkedCode('input.code', input.code);
    const name = requiredText('input.name', input.name, 100);
    return this.deps.store.transaction(async (tx) => {
      if (!(await first(tx.select().from(categories).where(eq(categories.id, categoryId)))))
        throw badInput('input.categoryId', 'input.categoryId is not a category.');
      return uniqueCode(
        'input.code',
        async () =>
          (await first(
            tx
              .insert(products)
              .values({ id: newId('Product'), categoryId, code, name })
              .returning(),
          ))!,
      );
    });
  }

  private createNamed(
    table: typeof departments | typeof categories,
    type: 'Department' | 'Category',
    input: { code: string; name: string },
  ) {
    const code = checkedCode('input.code', input.code);
    const name = requiredText('input.name', input.name, 100);
    return this.deps.store.transaction(async (tx: Db) => {
      const now = this.deps.clock.now();
      return uniqueCode(
        'input.code',
        async () =>
          (await first(
            tx
              .insert(table)
              .values({ id: newId(type), code, name, createdAt: now, updatedAt: now })
              .returning(),
          ))!,
      );
    });
  }

  private updateNamed(
    table: typeof departments | typeof categories,
    type: 'Department' | 'Category',
    input: { id: string; code?: string | null; name?: string | null },
  ) {
    const id = idOf('input.id', input.id, type);
    const set: { code?: string; name?: string; updatedAt: Date } = { updatedAt: this.deps.clock.now() };
    if (input.code != null) set.code = checkedCode('input.code', input.code);
    if (input.name != null) set.name = requiredText('input.name', input.name, 100);
    return this.deps.store.transaction(async (tx: Db) => {
      const row = await uniqueCode('input.code', () => first(tx.update(table).set(set).where(eq(table.id, id)).returning()));
      if (!row) throw notFound(type, id);
      return row;
    });
  }
}
