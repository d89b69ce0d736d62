import path from 'node:path';
import { openStore } from '../../server/src/core/db.js';
import { systemClock } from '../../server/src/core/clock.js';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { auditHash, GENESIS_HASH } from '../../server/src/audit/audit.rules.js';
import { tempDir } from '../utils/temp.js';
import { median, type BenchRow } from './util.js';

const ROWS = 100_000;

/** Audit verification: walking and re-hashing 100,000 chained rows (target: under a second). */
export async function benchAudit(): Promise<{ rows: BenchRow[] }> {
  const store = openStore(path.join(tempDir('voc-hub-bench-audit-'), 'hub.sqlite'));
  try {
    const insert = store.raw.prepare(
      'INSERT INTO audit_log (seq, at, request_id, actor_id, operation, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    store.raw.transaction(() => {
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= ROWS; seq++) {
        const e = {
          seq,
          at: 1_790_000_000_000 + seq,
          requestId: `req-${seq}`,
          actorId: 'usr_bench',
          operation: 'recordFeedback',
          outcome: 'OK',
          detail: `{"i":{"text":"反馈 ${seq}"}}`,
          prevHash: prev,
        };
        const hash = auditHash(e);
        insert.run(e.seq, e.at, e.requestId, e.actorId, e.operation, e.outcome, e.detail, e.prevHash, hash);
        prev = hash;
      }
    })();
    const service = new AuditService(store, systemClock);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = await service.verify();
      times.push(performance.now() - t0);
      if (r.rows !== ROWS || r.firstBroken !== null) throw new Error(`verify saw ${r.rows} rows, broken at ${r.firstBroken}`);
    }
    const ms = median(times);
    return {
      rows: [
        {
          name: '7. audit: verify the hash chain of 100,000 rows',
          value: ms,
          unit: 'ms',
          target: '< 1,000 ms',
          note: `${Math.round(ROWS / (ms / 1000)).toLocaleString('en-US')} rows/s`,
        },
      ],
    };
  } finally {
    await store.close();
  }
}
