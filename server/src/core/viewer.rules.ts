import type { RoleCode } from './roles.js';
import { seesAllInClear } from './clear.rules.js';
import type { ServiceScopeCode } from './service-scopes.js';

/** The signed-in user as every service sees them. */
export interface Viewer {
  id: string;
  username: string;
  role: RoleCode;
  branchId: string | null;
  departmentId: string | null;
  /** For a BRANCH_MANAGER: every branch id of their subtree. Null: reads everything. */
  scope: ReadonlySet<string> | null;
  /**
   * Set only for an integration's service account: the scopes its token was given. Whatever the
   * role allows, only these operations and routes are admitted (service-account.rules.ts).
   */
  serviceScopes?: readonly ServiceScopeCode[];
}

/** Whether this viewer sees a feedback item's personal data in clear. */
export function canSeePersonalData(viewer: Viewer, recordedBy: string | null): boolean {
  return seesAllInClear(viewer.role) || (viewer.role === 'AGENT' && recordedBy === viewer.id);
}

/** Whether a branch is inside the viewer's reading scope. */
export function inScope(viewer: Viewer, branchId: string | null | undefined): boolean {
  if (!viewer.scope) return true;
  return !!branchId && viewer.scope.has(branchId);
}
