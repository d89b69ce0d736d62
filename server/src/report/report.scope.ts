import type { Viewer } from '../core/viewer.rules.js';
import { inScope } from '../core/viewer.rules.js';
import { badInput, notFound } from '../core/errors.js';
import type { OrgDirectory } from '../org/index.js';
import { reportingUnit } from './report.rules.js';

/** What a read covers: the branch ids (null: all) and the node whose children are its rows. */
export interface ReportScope {
  branchIds: string[] | null;
  rootId: string;
  branchId: string | null;
}

/** The scopes reports are read for, and the rows by branch their tables show, from the org tree. */
export class ReportScopes {
  constructor(private readonly org: OrgDirectory) {}

  headOffice(): string {
    return this.org.list().find((b) => !b.parentId)?.id ?? '';
  }

  /** The whole bank. */
  bank(): ReportScope {
    return { branchIds: null, rootId: this.headOffice(), branchId: null };
  }

  /** A branch's whole subtree, whoever reads it. */
  subtree(branchId: string): ReportScope {
    return { branchIds: [...this.org.subtree(branchId)], rootId: branchId, branchId };
  }

  /**
   * The branch ids a read covers: the viewer's scope, cut to a requested subtree. A branch outside
   * a branch manager's subtree (an ancestor included) answers NOT_FOUND, as if it did not exist:
   * a report titled for a branch must hold that branch's figures, not zeros or the viewer's own.
   */
  of(viewer: Viewer, branchId: string | null | undefined): ReportScope {
    if (!branchId)
      return viewer.scope ? { branchIds: [...viewer.scope], rootId: viewer.branchId ?? '', branchId: viewer.branchId } : this.bank();
    if (!inScope(viewer, branchId)) throw notFound('Branch', branchId);
    if (!this.org.get(branchId)) throw badInput('branchId', 'branchId is not a branch.');
    const sub = [...this.org.subtree(branchId)];
    return { branchIds: viewer.scope ? sub.filter((id) => viewer.scope!.has(id)) : sub, rootId: branchId, branchId };
  }

  /**
   * The rows of a table by branch, in code order: the root's children, each with its subtree, and
   * the root's own records when `rootHasOwn`.
   */
  units(scope: ReportScope, rootHasOwn: boolean): { branchId: string; members: ReadonlySet<string> }[] {
    const root = this.org.get(scope.rootId);
    if (!root) return [];
    const covered = (id: string) => !scope.branchIds || scope.branchIds.includes(id);
    const children = this.org.childrenOf(root.id).map((c) => ({
      branchId: c.id,
      members: new Set([...this.org.subtree(c.id)].filter(covered)),
    }));
    const own = rootHasOwn && covered(root.id) ? [{ branchId: root.id, members: new Set([root.id]) }] : [];
    return [...own, ...children].filter((u) => u.members.size);
  }

  /** The row a branch's records count under in a report of the subtree at `rootId`. */
  unitOf(branchId: string, rootId: string): string | undefined {
    const b = this.org.get(branchId);
    return b ? reportingUnit(b.path, rootId) : undefined;
  }

  codeOf(branchId: string): string {
    return this.org.get(branchId)?.code ?? branchId;
  }

  nameOf(branchId: string): string {
    return this.org.get(branchId)?.name ?? branchId;
  }
}
