import type DataLoader from 'dataloader';
import type { HubServices } from '../core/context.js';
import { byKey, groupBy, type LoaderKit } from '../core/loader.js';
import { complaintsByIds, type ComplaintRow } from '../complaint/index.js';
import type { ContactOwnerType } from '../contact/index.js';
import { attemptsOfCallbacks, type CallbackAttemptRow } from './callback.repository.js';

/** A callback's contact owner as one loader key: `FEEDBACK:<id>` or `COMPLAINT:<id>`. */
export type ContactKey = `${ContactOwnerType}:${string}`;

/**
 * Written out rather than inferred: the phone loader reads the contact service from the hub's
 * services, whose type includes the loaders (an inferred type here would refer to itself).
 */
export interface CallbackLoaders {
  callbackAttempts: DataLoader<string, CallbackAttemptRow[]>;
  /** The masked phone of each contact owner (null: none stored): one read and decrypt pass per owner type a page. */
  callbackPhone: DataLoader<ContactKey, string | null>;
  /** The complaint case of each id, null when missing or outside the viewer's branch scope. */
  callbackComplaintCase: DataLoader<string, ComplaintRow | null>;
}

/** Per-request batching: a queue page's call histories, phones and complaint cases in one query each, not one per callback. */
export function callbackLoaders({ db, loader, scope }: LoaderKit, hub: HubServices): CallbackLoaders {
  return {
    callbackAttempts: loader<string, CallbackAttemptRow[]>(async (ids) =>
      groupBy(ids, await attemptsOfCallbacks(db(), ids), (a) => a.callbackId),
    ),
    callbackPhone: loader<ContactKey, string | null>(async (keys) => {
      const owners = new Map<ContactOwnerType, string[]>();
      for (const k of keys) {
        const [type, id] = splitKey(k);
        owners.set(type, [...(owners.get(type) ?? []), id]);
      }
      const masked = new Map<ContactKey, string>();
      for (const [type, ids] of owners)
        for (const [id, phone] of await hub.contacts.maskedOf(db(), type, ids)) masked.set(`${type}:${id}`, phone);
      return keys.map((k) => masked.get(k) ?? null);
    }),
    callbackComplaintCase: loader<string, ComplaintRow | null>(async (ids) =>
      byKey(
        ids,
        (await complaintsByIds(db(), ids)).filter((c) => !scope || scope.has(c.branchId)),
        (c) => c.id,
      ),
    ),
  };
}

const splitKey = (k: ContactKey): [ContactOwnerType, string] => {
  const at = k.indexOf(':');
  return [k.slice(0, at) as ContactOwnerType, k.slice(at + 1)];
};
