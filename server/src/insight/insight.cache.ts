import type { Db } from '../core/db.js';
import { SIGNATURE_SIZE, decodeSignatureInto } from './insight.rules.js';
import { signaturesAfter } from './insight.repository.js';

/** Rows read per query while catching up, so that one refresh never holds a huge result. */
const PAGE = 20_000;

/**
 * Every indexed item's signature, branch and time received, held in typed arrays: 64 × 4 bytes
 * plus an id per item (about 30 MB for 100,000 items). Scanning it whole for similarFeedback
 * costs about 10 ms at that size, against an LSH band table on disk that would add 32 rows to
 * every recordFeedback and ~60 MB per 100,000 items. Kept current incrementally: `refresh`
 * reads only the signature rows written since the last one it saw (by any process).
 */
export class SignatureCache {
  private lastSeq = 0;
  private count = 0;
  /** SIGNATURE_SIZE values per slot. */
  data = new Uint32Array(SIGNATURE_SIZE * 1024);
  receivedAt = new Float64Array(1024);
  /** Index into `branchIds`. */
  branchOf = new Uint32Array(1024);
  readonly ids: string[] = [];
  readonly branchIds: string[] = [];
  private readonly branchIndex = new Map<string, number>();
  private readonly slotById = new Map<string, number>();

  get size(): number {
    return this.count;
  }

  slotOf(feedbackId: string): number | undefined {
    return this.slotById.get(feedbackId);
  }

  /** The signature of a slot as a string, to tell identical ones apart. */
  signatureKey(slot: number): string {
    return Buffer.from(this.data.buffer, this.data.byteOffset + slot * SIGNATURE_SIZE * 4, SIGNATURE_SIZE * 4).toString('base64');
  }

  branchAt(slot: number): string {
    return this.branchIds[this.branchOf[slot]!]!;
  }

  /** Reads the signature rows added since the last refresh; answers how many. */
  async refresh(db: Db): Promise<number> {
    let added = 0;
    for (;;) {
      const rows = await signaturesAfter(db, this.lastSeq, PAGE);
      for (const r of rows) {
        this.lastSeq = r.seq;
        if (this.slotById.has(r.feedbackId)) continue;
        this.ensureCapacity(this.count + 1);
        const slot = this.count;
        if (!decodeSignatureInto(r.signature, this.data, slot)) continue;
        this.count++;
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
    const data = new Uint32Array(size * SIGNATURE_SIZE);
    data.set(this.data);
    this.data = data;
    const received = new Float64Array(size);
    received.set(this.receivedAt);
    this.receivedAt = received;
    const branches = new Uint32Array(size);
    branches.set(this.branchOf);
    this.branchOf = branches;
  }
}
