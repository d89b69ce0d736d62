/** audit: the hash-chained, append-only audit trail, and the rules that keep secrets out of it. */
import type { HubServices } from '../core/context.js';
import type { Db } from '../core/db.js';

export { AuditService } from './audit.service.js';
export { auditScope, newAuditScope, type AuditScope } from './audit.context.js';
export { auditDetail } from './audit.service.js';
export { redactVariables, MAX_VARIABLE_NESTING, nestsDeeperThan } from './secret.rules.js';

export const auditModule = {
  name: 'audit',
  /** Every write made by a mutation appends its audit row in the same transaction. */
  beforeCommit: (hub: HubServices) => (tx: Db) => hub.audit.appendOnCommit(tx),
};

// What other modules use of this one.
export { Secret, PersonalData, AuditDigest } from './secret.type.js';

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { auditLog } from './audit.table.js';

// What the ops CLI uses.
export { redactAuditTrail } from './audit.redact.js';
