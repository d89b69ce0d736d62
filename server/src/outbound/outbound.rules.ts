import type { PersonalChannelCode } from './outbound.table.js';

/** Bank time (UTC+8, no daylight saving): quiet hours are said in it. */
const BANK_OFFSET_MS = 8 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** A person's effective choice: what reaches them outside the hub, and when not. */
export interface Preference {
  /** null: every kind. */
  readonly kinds: readonly string[] | null;
  readonly channels: readonly PersonalChannelCode[];
  /** Minutes of the bank day, [from, to); may wrap midnight (22:00–07:30). */
  readonly quiet: { readonly from: number; readonly to: number } | null;
}

/** A stored preference row's fields, each null where it says nothing. */
export interface PreferenceFields {
  readonly kinds: readonly string[] | null;
  readonly channels: readonly PersonalChannelCode[] | null;
  readonly quietFrom: number | null;
  readonly quietTo: number | null;
}

/**
 * The user's own choice over their role's default, field by field; with neither, nothing leaves the
 * hub (a person is reached outside it only once they or the admin said how).
 */
export function effectivePreference(own: PreferenceFields | null, role: PreferenceFields | null): Preference {
  const kinds = own?.kinds !== undefined && own?.kinds !== null ? own.kinds : (role?.kinds ?? null);
  const channels = own?.channels ?? role?.channels ?? [];
  const quietOf = (p: PreferenceFields | null) =>
    p && p.quietFrom !== null && p.quietTo !== null ? { from: p.quietFrom, to: p.quietTo } : null;
  return { kinds, channels, quiet: quietOf(own) ?? quietOf(role) };
}

/** Whether a kind of notification goes out by this channel under this preference. */
export function wantsOutbound(pref: Preference, kind: string, channel: PersonalChannelCode): boolean {
  return pref.channels.includes(channel) && (pref.kinds === null || pref.kinds.includes(kind));
}

/**
 * When a message written at `at` may be sent: at once, or at the end of the quiet hours it falls in
 * (a quiet span that wraps midnight ends the next bank day).
 */
export function nextSendTime(at: number, quiet: Preference['quiet']): number {
  if (!quiet || quiet.from === quiet.to) return at;
  const local = at + BANK_OFFSET_MS;
  const dayStart = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  const minute = Math.floor((local - dayStart) / 60_000);
  const wraps = quiet.from > quiet.to;
  const inside = wraps ? minute >= quiet.from || minute < quiet.to : minute >= quiet.from && minute < quiet.to;
  if (!inside) return at;
  const endDay = wraps && minute >= quiet.from ? dayStart + DAY_MS : dayStart;
  return endDay + quiet.to * 60_000 - BANK_OFFSET_MS;
}

/** "HH:MM" to minutes of the day; undefined when it is not a time of day. */
export function minutesOf(hhmm: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Minutes of the day back to "HH:MM". */
export const hhmmOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The delay before attempt `attempts + 1` after `attempts` failed ones: exponential from `baseMs`,
 * capped at `maxMs`; null once `maxAttempts` have failed (the delivery is parked as FAILED).
 */
export function nextRetryDelay(attempts: number, policy: { baseMs: number; maxMs: number; maxAttempts: number }): number | null {
  if (attempts >= policy.maxAttempts) return null;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Whether a signed webhook's timestamp is fresh enough to accept: receivers refuse older (or
 * future) ones, so that a captured body cannot be replayed later.
 */
export function freshTimestamp(timestampSeconds: number, nowMs: number, toleranceSeconds = 300): boolean {
  return Math.abs(nowMs / 1000 - timestampSeconds) <= toleranceSeconds;
}
