import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { users } from '../user/index.js';

export const IMPORT_KINDS = ['FEEDBACK', 'CONTACTS'] as const;
export type ImportKindCode = (typeof IMPORT_KINDS)[number];
export const IMPORT_FORMATS = ['CSV', 'XLSX'] as const;
export type ImportFormatCode = (typeof IMPORT_FORMATS)[number];
export const IMPORT_STATUSES = ['RUNNING', 'DONE', 'FAILED'] as const;
export type ImportStatusCode = (typeof IMPORT_STATUSES)[number];

/**
 * One bulk import of a call-center file. The counters move in the transaction of each batch, so
 * that after a crash they still say exactly what was written.
 */
export const imports = sqliteTable(
  'imports',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    format: text('format', { enum: IMPORT_FORMATS }).notNull(),
    fileName: text('file_name').notNull(),
    status: text('status', { enum: IMPORT_STATUSES }).notNull(),
    startedBy: text('started_by')
      .notNull()
      .references(() => users.id),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    rowsRead: integer('rows_read').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    batches: integer('batches').notNull().default(0),
    /** The first rejected rows as JSON `[{ row, reason }]`; `rejected` counts them all. */
    rejects: text('rejects').notNull().default('[]'),
    error: text('error'),
  },
  (t) => [index('imports_started_idx').on(t.startedAt)],
);

/**
 * The source identity of every imported record (the call center's record id, or a hash of the
 * row): a key already here is a record already imported, so re-importing a file adds nothing.
 */
export const importKeys = sqliteTable(
  'import_keys',
  {
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    key: text('key').notNull(),
    importId: text('import_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] })],
);
