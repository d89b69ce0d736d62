import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/app/tables.ts',
  out: '../migrations/sqlite',
});
