import { z } from 'zod';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, so that `data/` and `migrations/` resolve the same from src and dist. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const bool = z.enum(['0', '1', 'true', 'false', '']).transform((v) => v === '1' || v === 'true');
/** A share between 0 and 1, e.g. 0.8 for 80 %. */
const rate = z.coerce.number().min(0).max(1);

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
  /** Query points one user may spend a minute (a query costs its computed cost, at least 1). */
  RATE_POINTS_PER_MINUTE: z.coerce.number().int().positive().default(60_000),
  /** The most a single query may cost. */
  QUERY_MAX_COST: z.coerce.number().int().positive().default(1_000),
  /** Browser origins allowed to open the WebSocket, comma-separated; empty: the hub's own origin only. */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Bytes a subscriber may leave unread before the hub closes its socket (it resumes with `after`). */
  WS_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 * 1024),
  DEMO_FEEDBACK: z.coerce.number().int().min(0).default(30_000),
  DEMO_CONTACTS: z.coerce.number().int().min(0).default(100_000),
  // Contact-center KPIs (DOMAIN.md): the thresholds behind service level and response rate, the
  // repeat-contact window, and each KPI's target (a floor for "higher is better", a ceiling otherwise).
  KPI_SERVICE_LEVEL_SECONDS: z.coerce.number().int().min(1).max(3600).default(25),
  KPI_RESPONSE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  KPI_REPEAT_WINDOW_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  KPI_TARGET_SERVICE_LEVEL: rate.default(0.8),
  KPI_TARGET_ANSWER_RATE: rate.default(0.9),
  KPI_TARGET_RESPONSE_RATE: rate.default(0.9),
  KPI_TARGET_SATISFACTION_RATE: rate.default(0.85),
  KPI_TARGET_TRANSFER_RATE: rate.default(0.1),
  KPI_TARGET_WORK_ORDER_RATE: rate.default(0.15),
  KPI_TARGET_COMPLAINT_RATE: rate.default(0.01),
  KPI_TARGET_REPEAT_CONTACT_RATE: rate.default(0.15),
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
