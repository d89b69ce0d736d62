import { createHash } from 'node:crypto';
import type { RoleCode } from '../core/roles.js';
import type { CHANNELS, FEEDBACK_KINDS } from '../feedback/feedback.table.js';
import type { ImportKindCode } from './import.table.js';

type Channel = (typeof CHANNELS)[number];
type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Bulk import is the contact center's analysts' and the administrators' job. */
export const IMPORT_ROLES: readonly RoleCode[] = ['ANALYST', 'ADMIN'];
export const mayImport = (role: RoleCode): boolean => IMPORT_ROLES.includes(role);

/** As many rejected rows as an import report lists; the count covers them all. */
export const MAX_REPORTED_REJECTS = 1000;
/** Feedback may be dated up to this much ahead, to absorb clock skew between systems (as recordFeedback). */
const FUTURE_SKEW_MS = 5 * 60_000;
const BANK_OFFSET_MS = 8 * 3_600_000;
const TEXT_MAX = 4000;
const REF_MAX = 64;
const EXTERNAL_ID_MAX = 128;

export const FEEDBACK_COLUMNS = [
  'externalId',
  'kind',
  'channel',
  'category',
  'branch',
  'receivedAt',
  'text',
  'complaint',
  'customerRef',
  'product',
] as const;
export const CONTACT_COLUMNS = [
  'externalId',
  'channel',
  'branch',
  'offeredAt',
  'answered',
  'waitSeconds',
  'firstResponseSeconds',
  'transferred',
  'workOrder',
  'complaint',
  'satisfaction',
  'customerRef',
] as const;
type FeedbackColumn = (typeof FEEDBACK_COLUMNS)[number];
type ContactColumn = (typeof CONTACT_COLUMNS)[number];

const REQUIRED: Record<ImportKindCode, readonly string[]> = {
  FEEDBACK: ['kind', 'channel', 'category', 'branch', 'receivedAt', 'text'],
  CONTACTS: ['channel', 'offeredAt', 'answered', 'waitSeconds'],
};

/** Header names as the call-center system and people write them, normalised (lower case, no spaces, _ or -). */
const ALIASES: Record<string, readonly string[]> = {
  externalId: ['externalid', 'id', 'recordid', 'sourceid', 'contactid', 'sessionid', '工单号', '记录编号', '来源编号', '会话编号'],
  kind: ['kind', 'type', 'feedbackkind', '类型', '声音类型', '客户之声类型'],
  channel: ['channel', '渠道', '受理渠道'],
  category: ['category', 'categorycode', 'categoryid', '业务类别', '类别', '业务类型'],
  branch: ['branch', 'branchcode', 'branchid', '机构', '分行', '所属机构', '机构代码'],
  receivedAt: ['receivedat', 'received', 'time', 'datetime', '时间', '受理时间', '接收时间'],
  text: ['text', 'content', 'feedback', '内容', '反馈内容', '客户之声'],
  complaint: ['complaint', 'iscomplaint', '投诉', '是否投诉'],
  customerRef: ['customerref', 'customer', 'customerid', '客户', '客户编号', '客户号'],
  product: ['product', 'productcode', 'productid', '产品', '产品代码'],
  offeredAt: ['offeredat', 'offered', 'time', 'datetime', '进线时间', '呼入时间', '时间'],
  answered: ['answered', '接通', '是否接通'],
  waitSeconds: ['waitseconds', 'wait', 'waittime', '等待时长', '等待秒数'],
  firstResponseSeconds: ['firstresponseseconds', 'firstresponse', '首次响应秒数', '首次响应时长'],
  transferred: ['transferred', 'transfer', '转接', '是否转接'],
  workOrder: ['workorder', '工单', '是否建单', '是否工单'],
  satisfaction: ['satisfaction', 'rating', '满意度', '满意度评价'],
};

const normalise = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

export type Columns = Record<string, number>;

/**
 * Maps a header row to the columns of an import kind: names are matched case-insensitively, in
 * English or Chinese; unknown columns are ignored. Refuses a header that lacks a required column
 * or names one twice.
 */
export function mapHeader(kind: ImportKindCode, header: readonly string[]): { ok: true; columns: Columns } | { ok: false; reason: string } {
  const names: readonly string[] = kind === 'FEEDBACK' ? FEEDBACK_COLUMNS : CONTACT_COLUMNS;
  const columns: Columns = {};
  for (let i = 0; i < header.length; i++) {
    const h = normalise(header[i] ?? '');
    if (!h) continue;
    const name = names.find((n) => normalise(n) === h || ALIASES[n]?.includes(h));
    if (!name) continue;
    if (columns[name] !== undefined) return { ok: false, reason: `the header names the column ${name} twice` };
    columns[name] = i;
  }
  const missing = REQUIRED[kind].filter((n) => columns[n] === undefined);
  if (missing.length) return { ok: false, reason: `the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` };
  return { ok: true, columns };
}

/** Whether a row has nothing in it (a blank line): skipped, not rejected. */
export const isBlank = (fields: readonly string[]): boolean => fields.every((f) => !f.trim());

const KIND_ALIASES: Record<string, FeedbackKind> = {
  PRAISE: 'PRAISE',
  PROBLEM: 'PROBLEM',
  SUGGESTION: 'SUGGESTION',
  赞扬: 'PRAISE',
  表扬: 'PRAISE',
  赞扬之声: 'PRAISE',
  问题: 'PROBLEM',
  问题之声: 'PROBLEM',
  建议: 'SUGGESTION',
  建议之声: 'SUGGESTION',
};

const CHANNEL_ALIASES: Record<string, Channel> = {
  VOICE: 'VOICE',
  ONLINE: 'ONLINE',
  WECHAT: 'WECHAT',
  VIDEO: 'VIDEO',
  BRANCH: 'BRANCH',
  SELF_SERVICE: 'SELF_SERVICE',
  人工坐席: 'VOICE',
  语音: 'VOICE',
  电话: 'VOICE',
  在线坐席: 'ONLINE',
  在线: 'ONLINE',
  微坐席: 'WECHAT',
  微信: 'WECHAT',
  视频坐席: 'VIDEO',
  视频: 'VIDEO',
  网点: 'BRANCH',
  自助: 'SELF_SERVICE',
  自助渠道: 'SELF_SERVICE',
};

const TRUE = new Set(['true', '1', 'yes', 'y', 't', '是', '有']);
const FALSE = new Set(['false', '0', 'no', 'n', 'f', '否', '无']);

const LOCAL_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/**
 * An instant from the file: ISO 8601 with a zone (`Z`, `+08:00`) as written; a local
 * `YYYY-MM-DD HH:MM[:SS]` (or with slashes, or a date alone) in bank time (UTC+8).
 */
export function parseBankTime(text: string): number | undefined {
  const t = text.trim();
  const m = LOCAL_TIME.exec(t);
  if (m) {
    const [y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m.slice(1).map((x) => x ?? undefined) as string[];
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0')));
    const check = new Date(utc);
    if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23) return undefined;
    return utc - BANK_OFFSET_MS;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** The reference data rows point at, by code (case-insensitive) or by id. */
export interface Lookups {
  branches: ReadonlyMap<string, string>;
  categories: ReadonlyMap<string, string>;
  products: ReadonlyMap<string, string>;
  now: number;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface FeedbackImportRow {
  key: string;
  kind: FeedbackKind;
  channel: Channel;
  categoryId: string;
  branchId: string;
  productId: string | null;
  receivedAt: number;
  text: string;
  complaint: boolean;
  customerRef: string | null;
}

export interface ContactImportRow {
  key: string;
  channel: Channel;
  branchId: string | null;
  offeredAt: number;
  answered: boolean;
  waitSeconds: number;
  firstResponseSeconds: number | null;
  transferred: boolean;
  workOrder: boolean;
  complaint: boolean;
  satisfaction: number | null;
  customerRef: string | null;
}

class RowError extends Error {}
const reject = (message: string): never => {
  throw new RowError(message);
};
const show = (v: string) => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** Reads one row's cells by column name, each check naming the column it refuses. */
class Cells {
  constructor(
    private readonly fields: readonly string[],
    private readonly columns: Columns,
  ) {}

  raw(name: string): string {
    const i = this.columns[name];
    const v = i === undefined ? '' : (this.fields[i] ?? '').trim();
    // A NUL is file corruption, not text; PostgreSQL cannot store it either. The row is refused, not the file.
    return v.includes('\u0000') ? reject(`${name} contains the NUL character (U+0000)`) : v;
  }

  required(name: string): string {
    const v = this.raw(name);
    return v || reject(`${name} is empty`);
  }

  optional(name: string, max: number): string | null {
    const v = this.raw(name);
    if (!v) return null;
    return v.length > max ? reject(`${name} has more than ${max} characters`) : v;
  }

  oneOf<T extends string>(name: string, aliases: Record<string, T>, allowed: string): T {
    const v = this.required(name);
    return aliases[v.toUpperCase()] ?? aliases[v] ?? reject(`${name} ${show(v)} is not one of ${allowed}`);
  }

  ref(name: string, map: ReadonlyMap<string, string>, what: string, required: boolean): string | null {
    const v = required ? this.required(name) : this.raw(name);
    if (!v) return null;
    return map.get(v) ?? map.get(v.toUpperCase()) ?? reject(`${name} ${show(v)} is not a known ${what} code`);
  }

  time(name: string, now: number): number {
    const v = this.required(name);
    const at = parseBankTime(v) ?? reject(`${name} ${show(v)} is not a date-time (YYYY-MM-DD HH:MM:SS, bank time, or ISO 8601)`);
    return at > now + FUTURE_SKEW_MS ? reject(`${name} ${show(v)} is in the future`) : at;
  }

  flag(name: string, required: boolean): boolean {
    const v = required ? this.required(name) : this.raw(name);
    if (!v) return false;
    const l = v.toLowerCase();
    if (TRUE.has(l)) return true;
    if (FALSE.has(l)) return false;
    return reject(`${name} ${show(v)} is not yes/no (true, false, 1, 0, 是, 否)`);
  }

  int(name: string, min: number, max: number, required: boolean): number | null {
    const v = required ? this.required(name) : this.raw(name);
    if (!v) return null;
    const n = /^-?\d+$/.test(v) ? Number(v) : NaN;
    return Number.isInteger(n) && n >= min && n <= max ? n : reject(`${name} ${show(v)} is not a whole number from ${min} to ${max}`);
  }
}

/** The row's source identity: the call center's record id when the file has one, otherwise a hash of what the row says. */
function keyOf(externalId: string | null, canonical: unknown[]): string {
  if (externalId) return `x:${externalId}`;
  return `h:${createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 24)}`;
}

/** A checked row with its source identity: what it says, in the order given, is what an id-less row is known by. */
function keyed<T extends Record<string, unknown>>(externalId: string | null, fields: T): T & { key: string } {
  return { key: keyOf(externalId, Object.values(fields)), ...fields };
}

function run<T>(work: () => T): RowResult<T> {
  try {
    return { ok: true, value: work() };
  } catch (err) {
    if (err instanceof RowError) return { ok: false, reason: err.message };
    throw err;
  }
}

/** One feedback row checked as recordFeedback checks its input: known codes, a past date-time, 1 to 4,000 characters of text. */
export function validateFeedbackRow(fields: readonly string[], columns: Columns, lookups: Lookups): RowResult<FeedbackImportRow> {
  return run(() => {
    const c = new Cells(fields, columns);
    const externalId = c.optional('externalId' satisfies FeedbackColumn, EXTERNAL_ID_MAX);
    const kind = c.oneOf('kind', KIND_ALIASES, 'PRAISE, PROBLEM, SUGGESTION');
    const channel = c.oneOf('channel', CHANNEL_ALIASES, 'VOICE, ONLINE, WECHAT, VIDEO, BRANCH, SELF_SERVICE');
    const categoryId = c.ref('category', lookups.categories, 'category', true)!;
    const branchId = c.ref('branch', lookups.branches, 'branch', true)!;
    const productId = c.ref('product', lookups.products, 'product', false);
    const receivedAt = c.time('receivedAt', lookups.now);
    const text = c.required('text');
    if (text.length > TEXT_MAX) reject(`text has more than ${TEXT_MAX} characters`);
    const complaint = c.flag('complaint', false);
    const customerRef = c.optional('customerRef', REF_MAX);
    return keyed(externalId, { kind, channel, categoryId, branchId, productId, receivedAt, text, complaint, customerRef });
  });
}

/** One contact record checked as recordContacts checks it. */
export function validateContactRow(fields: readonly string[], columns: Columns, lookups: Lookups): RowResult<ContactImportRow> {
  return run(() => {
    const c = new Cells(fields, columns);
    const externalId = c.optional('externalId' satisfies ContactColumn, EXTERNAL_ID_MAX);
    const channel = c.oneOf('channel', CHANNEL_ALIASES, 'VOICE, ONLINE, WECHAT, VIDEO, BRANCH, SELF_SERVICE');
    const branchId = c.ref('branch', lookups.branches, 'branch', false);
    const offeredAt = c.time('offeredAt', lookups.now);
    const answered = c.flag('answered', true);
    const waitSeconds = c.int('waitSeconds', 0, 86_400, true)!;
    const firstResponseSeconds = c.int('firstResponseSeconds', 0, 86_400, false);
    const transferred = c.flag('transferred', false);
    const workOrder = c.flag('workOrder', false);
    const complaint = c.flag('complaint', false);
    const satisfaction = c.int('satisfaction', 1, 5, false);
    const customerRef = c.optional('customerRef', REF_MAX);
    return keyed(externalId, {
      channel,
      branchId,
      offeredAt,
      answered,
      waitSeconds,
      firstResponseSeconds,
      transferred,
      workOrder,
      complaint,
      satisfaction,
      customerRef,
    });
  });
}

/** The format of an upload, from its content type or, failing that, its file name. */
export function formatOf(contentType: string | undefined, fileName: string): 'CSV' | 'XLSX' | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv') return 'CSV';
  if (type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'XLSX';
  if (/\.csv$/i.test(fileName)) return 'CSV';
  if (/\.xlsx$/i.test(fileName)) return 'XLSX';
  return undefined;
}

/** The longest file name kept (most file systems allow 255). */
export const FILE_NAME_MAX = 255;
// Control characters (CR/LF, NUL, DEL, C1), bidirectional overrides that disguise an extension,
// and what Windows forbids in file names: `/` and `\` (a path, `../`), `<>"` (markup), `:|?*`.
const FILE_NAME_FORBIDDEN = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"/\\|?*]/u;

/**
 * Checks an import's file name, which is stored, shown in reports and carried in events: a name
 * as a computer gives it (the call center's files come from Windows), not a path or markup.
 * Answers the trimmed name, or why it is refused. Refused rather than cleaned, so that what is
 * stored is what was sent, and a caller sending a path learns it at once.
 */
export function checkFileName(raw: string): { ok: true; name: string } | { ok: false; reason: string } {
  const name = raw.trim();
  if (!name) return { ok: false, reason: 'fileName is empty' };
  if (name.length > FILE_NAME_MAX) return { ok: false, reason: `fileName has more than ${FILE_NAME_MAX} characters` };
  if (FILE_NAME_FORBIDDEN.test(name))
    return { ok: false, reason: 'fileName must be a file name only: no path (/ \\), no control characters, none of < > : " | ? *' };
  if (/^\.+$/.test(name)) return { ok: false, reason: 'fileName must be a file name, not . or ..' };
  return { ok: true, name };
}
