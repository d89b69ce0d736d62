import { branches } from './org.table.js';
import type { Db } from '../core/db.js';

export type BranchRow = typeof branches.$inferSelect;

/**
 * The organisation tree held in memory: a few hundred rows read on nearly every request for
 * scoping. Reloaded after an administrative change, and at most every few seconds otherwise so
 * that another process's change is seen.
 */
export class OrgDirectory {
  private byId = new Map<string, BranchRow>();
  private children = new Map<string, BranchRow[]>();
  private loadedAt = 0;
  private subtreeCache = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly db: () => Db,
    private readonly maxAgeMs = 5_000,
  ) {}

  invalidate(): void {
    this.loadedAt = 0;
  }

  private ensure(): void {
    const now = Date.now();
    if (now - this.loadedAt < this.maxAgeMs) return;
    const rows = this.db().select().from(branches).all();
    this.byId = new Map(rows.map((r) => [r.id, r]));
    this.children = new Map();
    for (const r of rows) {
      if (!r.parentId) continue;
      const list = this.children.get(r.parentId) ?? [];
      list.push(r);
      this.children.set(r.parentId, list);
    }
    for (const list of this.children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
    this.subtreeCache.clear();
    this.loadedAt = now;
  }

  get(id: string): BranchRow | undefined {
    this.ensure();
    return this.byId.get(id);
  }

  all(): BranchRow[] {
    this.ensure();
    return [...this.byId.values()].sort((a, b) => a.path.length - b.path.length || a.code.localeCompare(b.code));
  }

  childrenOf(id: string): BranchRow[] {
    this.ensure();
    return this.children.get(id) ?? [];
  }

  /** This branch and everything under it. */
  subtree(id: string): ReadonlySet<string> {
    this.ensure();
    let set = this.subtreeCache.get(id);
    if (!set) {
      const root = this.byId.get(id);
      const ids = new Set<string>();
      if (root) for (const r of this.byId.values()) if (r.path.startsWith(root.path)) ids.add(r.id);
      set = ids;
      this.subtreeCache.set(id, set);
    }
    return set;
  }
}
