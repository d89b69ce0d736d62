import { newId } from '../../server/src/core/ids.js';
import type { TestDb } from './hub.js';

const PHRASES = ['信用卡还款提醒短信没有收到', '网点排队时间太长', '手机银行转账限额太低', '理财产品赎回到账慢', '客服态度很好'];
const KINDS = ['PROBLEM', 'PROBLEM', 'PRAISE', 'SUGGESTION'];
const CHANNELS = ['VOICE', 'ONLINE', 'WECHAT', 'VIDEO'];
const ROWS_PER_STATEMENT = 500;

/**
 * Writes `count` feedback rows straight into the table (either dialect), many rows a statement:
 * volume for list exports, not a path under test. Every 10th text carries a mobile number, so
 * that masking runs on the way out. Answers the ids, newest first as the inbox lists them.
 */
export async function insertFeedback(
  db: TestDb,
  count: number,
  o: { branchIds: readonly string[]; categoryIds: readonly string[]; recordedBy: string; now: number },
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += ROWS_PER_STATEMENT) {
    const n = Math.min(ROWS_PER_STATEMENT, count - start);
    const params: unknown[] = [];
    for (let k = 0; k < n; k++) {
      const i = start + k;
      const at = o.now - 60_000 - i * 1_000;
      const id = newId('Feedback', at);
      ids.push(id);
      const text = `${PHRASES[i % PHRASES.length]}（第 ${i} 号）${i % 10 === 0 ? ` 手机 1380013${String(i % 10_000).padStart(4, '0')}` : ''}`;
      params.push(
        id,
        KINDS[i % KINDS.length],
        CHANNELS[i % CHANNELS.length],
        o.categoryIds[i % o.categoryIds.length],
        o.branchIds[(i >> 3) % o.branchIds.length],
        at,
        text,
        0,
        `C-${i}`,
        o.recordedBy,
        o.now,
      );
    }
    await db.run(
      `INSERT INTO feedback (id, kind, channel, category_id, branch_id, received_at, text, complaint, customer_ref, recorded_by, created_at) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      ...params,
    );
  }
  return ids;
}
