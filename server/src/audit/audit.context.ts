import { AsyncLocalStorage } from 'node:async_hooks';

/** What the audit trail needs to know about the request a write belongs to. */
export interface AuditScope {
  requestId: string;
  actorId: string | null;
  operation: string | null;
  /** Mutations are audited; queries only for views of personal data. */
  isMutation: boolean;
  /** Every operation is audited, queries and refusals included: an integration's service account. */
  everyUse?: boolean;
  detail: string;
  /** Feedback ids whose personal data this request showed unmasked. */
  viewedPersonalData: Set<string>;
}

/** A request's scope before the operation policy fills in what it is (OperationPolicy.admit). */
export function newAuditScope(requestId: string): AuditScope {
  return { requestId, actorId: null, operation: null, isMutation: false, detail: '', viewedPersonalData: new Set() };
}

/** Carried through a request's async calls down to the store's commit hook. */
export const auditScope = new AsyncLocalStorage<AuditScope>();
