import { sqliteTable, text, integer, index, blob, primaryKey } from 'drizzle-orm/sqlite-core';

/** What a file proves something about: an action (the branch's proof), a problem, its diagnosis, an expert's opinion. */
export const EVIDENCE_PARENTS = ['ACTION', 'PROBLEM', 'DIAGNOSIS', 'OPINION'] as const;
export type EvidenceParentCode = (typeof EVIDENCE_PARENTS)[number];

/**
 * An evidence file attached to a part of the loop. The bytes are kept by the configured storage
 * (evidence.storage.ts), addressed by their sha256, so that the same photo attached twice is stored
 * once. A removed file keeps its row (who removed it and why) and leaves every list.
 */
export const evidenceFiles = sqliteTable(
  'evidence_files',
  {
    id: text('id').primaryKey(),
    parentKind: text('parent_kind', { enum: EVIDENCE_PARENTS }).notNull(),
    // Every parent lives in a problem: its scope decides who sees the file.
    problemId: text('problem_id').notNull(),
    // ACTION: the action; the action's current branch scopes the file (a reassigned row takes its files along).
    actionId: text('action_id'),
    // OPINION: the expert whose opinion it is (an opinion is keyed by problem and expert).
    expertId: text('expert_id'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: integer('uploaded_at', { mode: 'timestamp_ms' }).notNull(),
    removedAt: integer('removed_at', { mode: 'timestamp_ms' }),
    removedBy: text('removed_by'),
    removedReason: text('removed_reason'),
  },
  (t) => [
    index('evidence_files_problem_idx').on(t.problemId, t.uploadedAt),
    index('evidence_files_action_idx').on(t.actionId),
    index('evidence_files_sha_idx').on(t.sha256),
  ],
);

/**
 * The bytes of evidence files kept in the database (the PostgreSQL default: every hub process
 * serves them), in chunks of at most 256 KiB so that no single value nears the driver's limits
 * and a download streams chunk by chunk. Written in the transaction that records the file.
 */
export const evidenceChunks = sqliteTable(
  'evidence_chunks',
  {
    sha256: text('sha256').notNull(),
    seq: integer('seq').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.seq] })],
);
