import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/core/tables.ts',
  out: '../migrations/sqlite',
});
