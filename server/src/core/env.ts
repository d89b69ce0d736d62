import { z } from 'zod';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, so that `data/` and `migrations/` resolve the same from src and dist. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const bool = z.enum(['0', '1', 'true', 'false', '']).transform((v) => v === '1' || v === 'true');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default(''),
  DATA_DIR: z.string().default(path.join(PROJECT_ROOT, 'data')),
  REDIS_URL: z.string().default(''),
  HUB_DEMO: bool.default(false),
  HUB_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TOKEN_TTL_HOURS: z.coerce.number().positive().default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  WEB_DIST: z.string().default(path.join(PROJECT_ROOT, 'web', 'dist')),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).default(10),
  DEMO_FEEDBACK: z.coerce.number().int().min(0).default(30_000),
  DEMO_CONTACTS: z.coerce.number().int().min(0).default(100_000),
});

export type Env = z.infer<typeof schema>;

/**
 * Reads the configuration once. This is the only reader of process.env; a bad value stops the
 * start with one line per variable saying what is wrong.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(source[String(i.path[0])])})`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
