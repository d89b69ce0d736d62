import type { RoleCode } from './roles.js';

/**
 * Roles that see every customer's personal data in clear: in feedback and in staff-written free
 * text alike. The one list, so that feedback masking and the `@Masked()` fields cannot drift apart.
 */
const SEE_ALL_IN_CLEAR: ReadonlySet<RoleCode> = new Set<RoleCode>(['ANALYST', 'COORDINATOR']);

/** Whether this role sees all personal data unmasked (an agent sees only what they recorded). */
export function seesAllInClear(role: RoleCode): boolean {
  return SEE_ALL_IN_CLEAR.has(role);
}
