import type { EndpointRow, PreferenceRow } from './outbound.repository.js';
import { effectivePreference, hhmmOf, type PreferenceFields } from './outbound.rules.js';
import type { PersonalChannelCode } from './outbound.table.js';

const list = (text: string | null): string[] | null => (text === null ? null : (JSON.parse(text) as string[]));
const fields = (r: PreferenceRow | null): PreferenceFields | null =>
  r
    ? { kinds: list(r.kinds), channels: list(r.channels) as PersonalChannelCode[] | null, quietFrom: r.quietFrom, quietTo: r.quietTo }
    : null;

/** A stored preference row as the API shows it. */
export const preferenceView = (r: PreferenceRow) => ({
  kinds: list(r.kinds),
  channels: list(r.channels),
  quietHours: r.quietFrom !== null && r.quietTo !== null ? { from: hhmmOf(r.quietFrom), to: hhmmOf(r.quietTo) } : null,
  version: r.version,
});

/** The viewer's preference, their role's default and what applies. */
export function myPreferencesView(p: { own: PreferenceRow | null; role: PreferenceRow | null }) {
  const effective = effectivePreference(fields(p.own), fields(p.role));
  return {
    own: p.own ? preferenceView(p.own) : null,
    roleDefault: p.role ? preferenceView(p.role) : null,
    email: p.own?.email ?? null,
    wecomUserId: p.own?.wecomUserId ?? null,
    effectiveKinds: effective.kinds,
    effectiveChannels: effective.channels,
  };
}

/** An endpoint without its secret. */
export const endpointView = (e: EndpointRow) => ({
  id: e.id,
  name: e.name,
  url: e.url,
  format: e.format,
  eventTypes: JSON.parse(e.eventTypes) as string[],
  branchId: e.branchId,
  active: e.active,
  version: e.version,
  createdAt: e.createdAt,
});
