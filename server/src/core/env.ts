import { z } from 'zod';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDayList, parseLimit, minutesOfDay } from './calendar.rules.js';
import { MAINLAND_HOLIDAYS, MAINLAND_MAKEUP_WORKDAYS } from './mainland-holidays.js';
import { compileProxyTrust } from './client-address.js';
import { contactKeyIds, contactKeySpecProblem } from './contact-keys.rules.js';

/** The repository root, so that `data/` and `migrations/` resolve the same from src and dist. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const bool = z.enum(['0', '1', 'true', 'false', '']).transform((v) => v === '1' || v === 'true');
/** A share between 0 and 1, e.g. 0.8 for 80 %. */
const rate = z.coerce.number().min(0).max(1);
/** A time limit: `3wd` (working days), `30d` (calendar days) or `off`. */
const limit = z.string().refine((v) => parseLimit(v) !== undefined, 'must be like 3wd (working days), 30d (days) or off');
/** Days as `YYYY-MM-DD`, comma-separated, with inclusive ranges `YYYY-MM-DD..YYYY-MM-DD`. */
const dayList = z.string().refine((v) => parseDayList(v).ok, 'must list days as YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, comma-separated');

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z.string().default(''),
    DATA_DIR: z.string().default(path.join(PROJECT_ROOT, 'data')),
    /** Redis carrying events between hub processes that share one database; empty: one process, in-memory events. */
    REDIS_URL: z.string().default(''),
    /** The pub/sub channel of this deployment: hubs on one database share it, other deployments on the same Redis must not. */
    REDIS_CHANNEL: z.string().min(1).default('voc-hub:events'),
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
    /** A query document is compiled (graphql-jit) at this sighting; 0 never compiles (graphql-js only). */
    QUERY_COMPILE_AFTER: z.coerce.number().int().min(0).default(2),
    /**
     * Proxies in front of the hub whose X-Forwarded-For names the client, comma-separated addresses,
     * CIDR ranges or `loopback` / `linklocal` / `uniquelocal`; empty: none (the socket's peer is the client).
     */
    TRUST_PROXY: z
      .string()
      .default('')
      .refine((v) => {
        try {
          compileProxyTrust(v);
          return true;
        } catch {
          return false;
        }
      }, 'must list addresses, CIDR ranges, loopback, linklocal or uniquelocal, comma-separated'),
    /** Failed sign-ins one username may have in a window before sign-ins for it are refused (RATE_LIMITED). */
    LOGIN_MAX_FAILURES_PER_USER: z.coerce.number().int().min(1).default(10),
    /** Failed sign-ins one source address (IPv6: its /64) may have in a window, across usernames. */
    LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
    /** Seconds from a first failed sign-in until the failures counted with it are forgotten. */
    LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    /**
     * The bearer token /metrics asks for (Prometheus: `authorization: { credentials: … }`). Empty:
     * /metrics is open outside production and refused (403) in production.
     */
    METRICS_TOKEN: z
      .string()
      .default('')
      .refine((v) => v === '' || v.length >= 16, 'must be at least 16 characters (or empty)'),
    /** Browser origins allowed to open the WebSocket, comma-separated; empty: the hub's own origin only. */
    ALLOWED_ORIGINS: z.string().default(''),
    /** Bytes a subscriber may leave unread before the hub closes its socket (it resumes with `after`). */
    WS_MAX_BUFFERED_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(8 * 1024 * 1024),
    /** Events a subscriber may fall behind by before the hub cuts it off (it resumes with `after`). */
    WS_MAX_PENDING_EVENTS: z.coerce.number().int().positive().default(10_000),
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
    // Deadlines: each problem status's time limit, counted from entering it (VERIFYING: from the last
    // confirmation); an overdue action reaches the coordinators this long after its due date.
    STAGE_LIMIT_OPEN: limit.default('3wd'),
    STAGE_LIMIT_DIAGNOSED: limit.default('2wd'),
    STAGE_LIMIT_IN_CONSULTATION: limit.default('5wd'),
    STAGE_LIMIT_REMEDIATING: limit.default('off'),
    STAGE_LIMIT_VERIFYING: limit.default('30d'),
    ESCALATE_TO_COORDINATOR_AFTER: limit.default('2wd'),
    // Complaint cases (the 办法's limits): "due soon" this many days before the due day (off: never),
    // and an overdue case reaches head office this long after its due date.
    COMPLAINT_DUE_SOON_DAYS: z
      .string()
      .regex(/^(off|\d{1,2})$/, 'must be a number of days (0–99) or off')
      .default('3'),
    COMPLAINT_ESCALATE_AFTER: limit.default('1d'),
    /** Seconds between deadline scans; 0 turns the background scan off. Unset: 60, or off when NODE_ENV=test. */
    DEADLINE_SCAN_SECONDS: z.coerce.number().int().min(0).max(86_400).optional(),
    /** Public holidays and make-up working days (调休); each replaces the mainland default list when set. */
    HOLIDAYS: dayList.default(MAINLAND_HOLIDAYS),
    MAKEUP_WORKDAYS: dayList.default(MAINLAND_MAKEUP_WORKDAYS),
    /** When the daily digest goes out on working days (bank time, HH:MM), and how far ahead "due" looks. */
    DIGEST_AT: z
      .string()
      .refine((v) => minutesOfDay(v) !== undefined, 'must be HH:MM')
      .default('08:30'),
    DIGEST_DUE_WITHIN: limit.default('2wd'),
    // The 3-in-3 rule: this many distinct customers reporting the same complaint (similar texts of
    // one category) at the same branch within this many hours, none of it attached to a problem,
    // alerts the analysts.
    CLUSTER_MIN_CUSTOMERS: z.coerce.number().int().min(2).max(1000).default(3),
    CLUSTER_WINDOW_HOURS: z.coerce.number().int().min(1).max(2160).default(72),
    // Callbacks (回访): a resolved problem's customers are called back within this many working
    // days; a callback not reached after this many attempts closes as UNREACHABLE.
    CALLBACK_DUE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(3),
    CALLBACK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    // An open callback is "due soon" once its due date is within this limit (off: never), told to the
    // agent working it; past its due date it is overdue, told to the coordinators (issue 17).
    CALLBACK_DUE_SOON_WITHIN: limit.default('1wd'),
    // A comment on a problem may be edited by its author for this many minutes after it was posted
    // (0: never); later it stands as written, so that a thread read back is the thread people saw.
    COMMENT_EDIT_WINDOW_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
    // An agent corrects or voids feedback they recorded within this many minutes of recording it;
    // afterwards only an analyst may (issue 18). 0: never the agent.
    FEEDBACK_CORRECTION_WINDOW_MINUTES: z.coerce.number().int().min(0).max(525_600).default(1440),
    /**
     * The keys that encrypt customers' contact details at rest (AES-256-GCM): `kid:base64key`, comma-separated,
     * each key 32 bytes. Every listed key decrypts; HUB_CONTACT_KEY_ACTIVE (default: the last listed) encrypts.
     * Empty: a fixed development key outside production; refused in production.
     */
    HUB_CONTACT_KEYS: z
      .string()
      .default('')
      .refine((v) => contactKeySpecProblem(v) === null, 'must be kid:base64key pairs, comma-separated, each key 32 bytes'),
    HUB_CONTACT_KEY_ACTIVE: z.string().default(''),
    /** Bulk import: the largest upload accepted, and rows written per transaction. */
    IMPORT_MAX_MB: z.coerce.number().int().min(1).max(4096).default(200),
    IMPORT_BATCH_ROWS: z.coerce.number().int().min(1).max(50_000).default(2000),
    /** Where uploads are spooled while an import reads them; empty: DATA_DIR/import-tmp. */
    IMPORT_TMP_DIR: z.string().default(''),
    /** Evidence files (photos, signed sheets, notices): the largest accepted, in MB (fractions allowed). */
    EVIDENCE_MAX_MB: z.coerce.number().positive().max(1024).default(20),
    /**
     * Where evidence bytes are kept: `files` (content-addressed files; on SQLite beside the database
     * file, so that hub:backup carries them), `database` (chunks in the database: every process
     * serves them), `auto` (files on SQLite, database on PostgreSQL).
     */
    EVIDENCE_STORAGE: z.enum(['auto', 'files', 'database']).default('auto'),
    /** An XLSX may inflate to at most this much in all (the parts an import reads), … */
    IMPORT_XLSX_MAX_EXPANDED_MB: z.coerce.number().int().min(1).max(65_536).default(2048),
    /** … its shared strings (held in memory while the sheet is read) to at most this much, … */
    IMPORT_XLSX_MAX_STRINGS_MB: z.coerce.number().int().min(1).max(4096).default(256),
    /** … and no part beyond 1 MiB to more than this many times its compressed size (real sheets stay far below; zip bombs far above). */
    IMPORT_XLSX_MAX_RATIO: z.coerce.number().int().min(2).max(100_000).default(100),
    /** The hub's address as people open it: the link back in outbound messages (e-mail, WeCom). */
    HUB_PUBLIC_URL: z.string().url().default('http://localhost:4000'),
    // Outbound delivery (outbound/): the outbox is drained when a write commits and every this many
    // seconds (0: only on writes; unset: 5, or 0 under NODE_ENV=test, where a poll would perturb the
    // statement counts tests measure); a failed attempt is retried after base × 2^(n−1) seconds, at
    // most max, and parked as FAILED after this many attempts.
    OUTBOUND_POLL_SECONDS: z.coerce.number().min(0).max(3600).optional(),
    OUTBOUND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    OUTBOUND_RETRY_BASE_SECONDS: z.coerce.number().positive().max(3600).default(30),
    OUTBOUND_RETRY_MAX_SECONDS: z.coerce.number().positive().max(86_400).default(3600),
    /** E-mail over SMTP; empty host: no e-mail (such deliveries fail and are parked). */
    SMTP_HOST: z.string().default(''),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS, required unless SMTP_REQUIRE_TLS=false. */
    SMTP_SECURE: bool.default(false),
    SMTP_REQUIRE_TLS: bool.default(true),
    SMTP_USER: z.string().default(''),
    SMTP_PASSWORD: z.string().default(''),
    SMTP_FROM: z.string().default('VOC Hub <voc-hub@localhost>'),
    /** WeCom (企业微信) application messages: the API's base, the corp, the app's secret and agent id; empty corp: off. */
    WECOM_API_BASE: z.string().url().default('https://qyapi.weixin.qq.com'),
    WECOM_CORP_ID: z.string().default(''),
    WECOM_CORP_SECRET: z.string().default(''),
    WECOM_AGENT_ID: z.coerce.number().int().min(0).default(0),
  })
  .superRefine((env, ctx) => {
    // Customers' phone numbers must not be encrypted with a key published in the source code.
    if (env.NODE_ENV === 'production' && !env.HUB_CONTACT_KEYS)
      ctx.addIssue({ code: 'custom', path: ['HUB_CONTACT_KEYS'], message: 'is required in production (kid:base64key of 32 bytes)' });
    if (env.HUB_CONTACT_KEY_ACTIVE && !contactKeyIds(env.HUB_CONTACT_KEYS).includes(env.HUB_CONTACT_KEY_ACTIVE))
      ctx.addIssue({ code: 'custom', path: ['HUB_CONTACT_KEY_ACTIVE'], message: 'must name a key of HUB_CONTACT_KEYS' });
  });

export type Env = z.infer<typeof schema>;

/**
 * Reads the configuration once. This is the only reader of process.env; a bad value stops the
 * start with one line per variable saying what is wrong.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      // Secrets never reach a log, even when they are wrong.
      const got = /SECRET|PASSWORD|_TOKEN$|_KEYS$/.test(name) ? '' : ` (got ${JSON.stringify(source[name])})`;
      return `  ${i.path.join('.')}: ${i.message}${got}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
