import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import type { Db } from '../core/db.js';
import type { Viewer } from '../core/viewer.rules.js';
import { ROLES, type RoleCode } from '../core/roles.js';
import { badInput, conflict, forbidden, notFound } from '../core/errors.js';
import { first } from '../core/sql.js';
import { requiredText } from '../core/validate.js';
import { write, type Emit } from '../event/index.js';
import { savedViews, type ViewListCode } from './view.table.js';
import { candidateViews, findView, type ViewRow } from './view.repository.js';
import { canEditView, viewVisible } from './view.rules.js';
import type { ListFilter } from './view.filter.js';

const NAME_MAX = 60;
/** How many views one user may keep for one list: a picker, not a store. */
const VIEWS_PER_LIST = 50;

/** Checks a filter as its list's query would read it for this viewer (search length, …); throws BAD_USER_INPUT. */
export type ListQueryCheck = Record<ViewListCode, (viewer: Viewer, filter: Record<string, unknown>) => unknown>;

/** Reads a filter given as JSON against its list's filter input type (view.filter.ts, with the served schema). */
export type FilterReader = (list: ViewListCode, text: string, field: string) => ListFilter;

/** Who a view is shared with: a role, a branch (its subtree's users), both, or nobody (both null). */
export interface ViewShare {
  role?: string | null;
  branchId?: string | null;
}

/**
 * Saved views (我的视图): a user keeps a list's filters under a name, and may share them with a
 * role or a branch. Those it is shared with use it; only the owner renames, re-filters, re-shares
 * or deletes it (FORBIDDEN otherwise), with `expectedVersion` (CONFLICT when stale). A filter is
 * checked against the list's filter input type before anything is stored (BAD_USER_INPUT).
 * Each change is a VIEW_SAVED or VIEW_DELETED event and, as every mutation, an audit row.
 */
export class ViewService {
  constructor(
    private readonly deps: HubDeps,
    private readonly queries: ListQueryCheck,
  ) {}

  private readonly under = (branchId: string, ancestorId: string): boolean => this.deps.org.subtree(ancestorId).has(branchId);

  /** A list's views this viewer may use: their own first, then those shared with them, each by name. */
  async list(viewer: Viewer, list: ViewListCode): Promise<ViewRow[]> {
    const rows = await candidateViews(this.deps.store.read, list, viewer.id);
    const visible = rows.filter((v) => viewVisible(viewer, v, this.under));
    return [...visible.filter((v) => v.ownerId === viewer.id), ...visible.filter((v) => v.ownerId !== viewer.id)];
  }

  private sharing(share: ViewShare | null | undefined): { sharedRole: RoleCode | null; sharedBranchId: string | null } {
    const role = share?.role ?? null;
    if (role !== null && !(ROLES as readonly string[]).includes(role))
      throw badInput('input.share.role', 'input.share.role is not a role.');
    const branchId = share?.branchId ?? null;
    if (branchId !== null && !this.deps.org.get(branchId)) throw badInput('input.share.branchId', 'input.share.branchId is not a branch.');
    return { sharedRole: role as RoleCode | null, sharedBranchId: branchId };
  }

  private checked(viewer: Viewer, list: ViewListCode, text: string, read: FilterReader): string {
    const filter = read(list, text, 'input.filter');
    this.queries[list](viewer, filter.value);
    return filter.json;
  }

  private event(emit: Emit, viewer: Viewer, view: ViewRow, type: 'VIEW_SAVED' | 'VIEW_DELETED') {
    // The name stays out of the event: a private view's name is its owner's business.
    return emit({ type, actorId: viewer.id, branchId: view.sharedBranchId });
  }

  /** Saves the current filters of a list under a name. */
  async create(
    viewer: Viewer,
    input: { list: ViewListCode; name: string; filter: string; share?: ViewShare | null },
    read: FilterReader,
  ): Promise<ViewRow> {
    const name = requiredText('input.name', input.name, NAME_MAX).trim();
    const filter = this.checked(viewer, input.list, input.filter, read);
    const sharing = this.sharing(input.share);
    return write(this.deps, async (tx, emit, at) => {
      const mine = (await candidateViews(tx, input.list, viewer.id)).filter((v) => v.ownerId === viewer.id);
      if (mine.length >= VIEWS_PER_LIST) throw badInput('input.list', `At most ${VIEWS_PER_LIST} views per list; delete one first.`);
      const row = (await first(
        tx
          .insert(savedViews)
          .values({
            id: `view_${randomBytes(12).toString('base64url')}`,
            ownerId: viewer.id,
            list: input.list,
            name,
            filter,
            ...sharing,
            version: 1,
            createdAt: at,
            updatedAt: at,
          })
          .returning(),
      ))!;
      await this.event(emit, viewer, row, 'VIEW_SAVED');
      return row;
    });
  }

  /** The owner's view at the version they read: NOT_FOUND when they cannot see it, FORBIDDEN when it is not theirs. */
  private async own(tx: Db, viewer: Viewer, viewId: string, expectedVersion: number): Promise<ViewRow> {
    const row = await findView(tx, viewId);
    if (!row || !viewVisible(viewer, row, this.under)) throw notFound('SavedView', viewId);
    if (!canEditView(viewer, row)) throw forbidden('Only the owner of a view edits or deletes it.');
    if (row.version !== expectedVersion) throw conflict(row.version);
    return row;
  }

  /** Renames, re-filters or re-shares one's own view (`share` given replaces the sharing; `{}` makes it private). */
  async update(
    viewer: Viewer,
    input: { viewId: string; expectedVersion: number; name?: string | null; filter?: string | null; share?: ViewShare | null },
    read: FilterReader,
  ): Promise<ViewRow> {
    const name = input.name == null ? null : requiredText('input.name', input.name, NAME_MAX).trim();
    const sharing = input.share === undefined || input.share === null ? null : this.sharing(input.share);
    if (name === null && input.filter == null && !sharing) throw badInput('input', 'Give a new name, filter or share.');
    return write(this.deps, async (tx, emit, at) => {
      const row = await this.own(tx, viewer, input.viewId, input.expectedVersion);
      const filter = input.filter == null ? null : this.checked(viewer, row.list, input.filter, read);
      const updated = (await first(
        tx
          .update(savedViews)
          .set({
            ...(name !== null ? { name } : {}),
            ...(filter !== null ? { filter } : {}),
            ...(sharing ?? {}),
            updatedAt: at,
            version: sql`${savedViews.version} + 1`,
          })
          .where(and(eq(savedViews.id, row.id), eq(savedViews.version, row.version)))
          .returning(),
      ))!;
      await this.event(emit, viewer, updated, 'VIEW_SAVED');
      return updated;
    });
  }

  /** Deletes one's own view; answers it as it was. */
  async delete(viewer: Viewer, input: { viewId: string; expectedVersion: number }): Promise<ViewRow> {
    return write(this.deps, async (tx, emit) => {
      const row = await this.own(tx, viewer, input.viewId, input.expectedVersion);
      await tx.delete(savedViews).where(eq(savedViews.id, row.id));
      await this.event(emit, viewer, row, 'VIEW_DELETED');
      return row;
    });
  }
}
