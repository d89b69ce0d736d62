/**
 * The contract's roles: what a user does in the loop. The permission table (permissions.rules.ts),
 * masking (clear.rules.ts) and every feature's checks speak in these, so they live in the kernel.
 */
export const ROLES = ['AGENT', 'ANALYST', 'COORDINATOR', 'EXPERT', 'BRANCH_MANAGER', 'ADMIN'] as const;
export type RoleCode = (typeof ROLES)[number];
