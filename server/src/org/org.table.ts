import { sqliteTable, text, index, integer } from 'drizzle-orm/sqlite-core';

/** The organisation tree: head office → branches → sub-branches → outlets. */
export const branches = sqliteTable(
  'branches',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    level: text('level', { enum: ['HEAD_OFFICE', 'BRANCH', 'SUB_BRANCH', 'OUTLET'] }).notNull(),
    parentId: text('parent_id'),
    // Materialised path of ids ("/id1/id2/"): "this node and everything under it" is a prefix match.
    path: text('path').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('branches_parent_idx').on(t.parentId), index('branches_path_idx').on(t.path)],
);

/** Head-office departments whose experts take part in consultations. */
export const departments = sqliteTable('departments', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Business categories (credit card, deposits, …) feedback and problems are filed under. */
export const categories = sqliteTable('categories', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Products within a category (a card product, a deposit product, …). */
export const products = sqliteTable(
  'products',
  {
    id: text('id').primaryKey(),
    categoryId: text('category_id')
      .notNull()
      .references(() => categories.id),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
  },
  (t) => [index('products_category_idx').on(t.categoryId)],
);
