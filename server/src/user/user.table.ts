import { ROLES } from '../core/roles.js';
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { branches, departments } from '../org/index.js';

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    branchId: text('branch_id').references(() => branches.id),
    departmentId: text('department_id').references(() => departments.id),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    // Bumped on deactivation, role/branch change and password change: older tokens stop working.
    tokenVersion: integer('token_version').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('users_role_idx').on(t.role), index('users_branch_idx').on(t.branchId)],
);
