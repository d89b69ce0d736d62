import { branches } from './org.table.js';
import type { Db } from '../core/db.js';

declare module '../core/hub.js' {
  interface HubDeps {
    /** The branch tree every scope check reads, kept in memory and refreshed on change. */
    org: OrgDirectory;
  }
}

export type BranchRow = typeof branches.$inferSelect;

/** One complete load of the tree: built aside, then swapped in whole, so readers never see half of one. */
interface Tree {
  byId: Map<string, BranchRow>;
  children: Map<string, BranchRow[]>;
  subtreeCache: Map<string, ReadonlySet<string>>;
}

function buildTree(rows: BranchRow[]): Tree {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const children = new Map<string, BranchRow[]>();
  for (const r of rows) {
    if (!r.parentId) continue;
    const list = children.get(r.parentId) ?? [];
    list.push(r);
    children.set(r.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  return { byId, children, subtreeCache: new Map() };
}

/**
 * The organisation tree held in memory: a few hundred rows read on nearly every request for
 * scoping. Reloaded after an administrative change, and at most every few seconds otherwise so
 * that another process's change is seen.
 *
 * Reads are synchronous and answer from the last complete load; loading is asynchronous. Start-up
 * awaits `refresh()` once before serving (reading before the first load throws); after that a read
 * of a tree older than `maxAgeMs` starts a reload in the background and answers from the current
 * tree meanwhile. A change made in this process is followed by an awaited `refresh()`.
 */
export class OrgDirectory {
  private tree: Tree | null = null;
  /** When the query of the current tree started (ms since epoch); 0: reload at the next read. */
  private loadedAt = 0;
  /** Loads are numbered as they start; a load finishing after a later one is dropped. */
  private started = 0;
  private applied = 0;
  private background: Promise<void> | null = null;

  constructor(
    private readonly db: () => Db,
    private readonly maxAgeMs = 5_000,
    /** Where a failed background reload is reported (the current tree keeps serving). */
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Reloads the tree now; resolves once the new tree is in place. */
  async refresh(): Promise<void> {
    const ticket = ++this.started;
    const startedAt = Date.now();
    const rows = await this.db().select().from(branches);
    if (ticket < this.applied) return;
    this.tree = buildTree(rows);
    this.applied = ticket;
    this.loadedAt = startedAt;
  }

  /** The tree will be reloaded (in the background) at the next read. */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private ensure(): Tree {
    if (!this.tree) throw new Error('The organisation directory is not loaded: await refresh() at start-up.');
    if (Date.now() - this.loadedAt >= this.maxAgeMs && !this.background) {
      this.background = this.refresh()
        .catch((err: unknown) => this.onError(err))
        .finally(() => {
          this.background = null;
        });
    }
    return this.tree;
  }

  get(id: string): BranchRow | undefined {
    return this.ensure().byId.get(id);
  }

  list(): BranchRow[] {
    return [...this.ensure().byId.values()].sort((a, b) => a.path.length - b.path.length || a.code.localeCompare(b.code));
  }

  childrenOf(id: string): BranchRow[] {
    return this.ensure().children.get(id) ?? [];
  }

  /** This branch and everything under it. */
  subtree(id: string): ReadonlySet<string> {
    const tree = this.ensure();
    let set = tree.subtreeCache.get(id);
    if (!set) {
      const root = tree.byId.get(id);
      const ids = new Set<string>();
      if (root) for (const r of tree.byId.values()) if (r.path.startsWith(root.path)) ids.add(r.id);
      set = ids;
      tree.subtreeCache.set(id, set);
    }
    return set;
  }
}
