import type { Db } from '../core/db.js';
import { FeatureIndex } from './insight.feature-index.rules.js';
import { decodeFeatures } from './insight.rules.js';
import { featuresAfter } from './insight.repository.js';

/** Rows read per query while catching up, so that one refresh never holds a huge result. */
const PAGE = 20_000;

/**
 * Every indexed item's features (as term ids, with the frequency of each term: insight.feature-index.rules),
 * branch and time received, held in typed arrays: about 30 distinct features of 4 bytes a short
 * Chinese item, at most 128 a long letter, plus an id per item (about 25 MB for 100,000 short items).
 * Scanning it whole for similarFeedback costs a few milliseconds at that size, against an
 * inverted index on disk that would add rows to every recordFeedback. Kept current
 * incrementally: `refresh` reads only the rows written since the last one it saw (by any
 * process), and each row adds its item and its terms' frequencies.
 */
export class FeatureCache {
  private lastSeq = 0;
  readonly index = new FeatureIndex();
  receivedAt = new Float64Array(1024);
  /** Index into `branchIds`. */
  branchOf = new Uint32Array(1024);
  readonly ids: string[] = [];
  readonly branchIds: string[] = [];
  private readonly branchIndex = new Map<string, number>();
  private readonly slotById = new Map<string, number>();
  /**
   * Items whose stored row is in an older format (a MinHash signature of an earlier version):
   * they are not in the index until the service has stored their features again.
   */
  readonly stale = new Set<string>();

  get size(): number {
    return this.index.size;
  }

  slotOf(feedbackId: string): number | undefined {
    return this.slotById.get(feedbackId);
  }

  branchAt(slot: number): string {
    return this.branchIds[this.branchOf[slot]!]!;
  }

  /** Reads the rows added since the last refresh; answers how many items it added. */
  async refresh(db: Db): Promise<number> {
    let added = 0;
    for (;;) {
      const rows = await featuresAfter(db, this.lastSeq, PAGE);
      for (const r of rows) {
        this.lastSeq = r.seq;
        // Stored again under a new seq: its item was corrected (text, branch) or voided. The old
        // slot leaves the index; a voided item gets no new one.
        const old = this.slotById.get(r.feedbackId);
        if (old !== undefined) {
          this.index.retire(old);
          this.slotById.delete(r.feedbackId);
          this.ids[old] = '';
          this.receivedAt[old] = Number.NaN;
        }
        if (Number(r.voided)) continue;
        const features = decodeFeatures(r.features);
        if (!features) {
          this.stale.add(r.feedbackId);
          continue;
        }
        this.stale.delete(r.feedbackId);
        const slot = this.index.add(features);
        this.ensureCapacity(slot + 1);
        this.ids.push(r.feedbackId);
        this.slotById.set(r.feedbackId, slot);
        this.receivedAt[slot] = Number(r.receivedAt);
        let b = this.branchIndex.get(r.branchId);
        if (b === undefined) {
          b = this.branchIds.length;
          this.branchIds.push(r.branchId);
          this.branchIndex.set(r.branchId, b);
        }
        this.branchOf[slot] = b;
        added++;
      }
      if (rows.length < PAGE) return added;
    }
  }

  private ensureCapacity(n: number): void {
    if (n <= this.receivedAt.length) return;
    const size = Math.max(n, this.receivedAt.length * 2);
    const received = new Float64Array(size);
    received.set(this.receivedAt);
    this.receivedAt = received;
    const branches = new Uint32Array(size);
    branches.set(this.branchOf);
    this.branchOf = branches;
  }
}
