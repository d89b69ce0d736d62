import type { RoleCode } from '../core/roles.js';

/** Who a saved view belongs to and who it is shared with. */
export interface ViewSharing {
  ownerId: string;
  sharedRole: string | null;
  sharedBranchId: string | null;
}

/** The part of the viewer a view's sharing speaks of. */
export interface ViewReader {
  id: string;
  role: RoleCode;
  branchId: string | null;
}

/**
 * Whether a reader sees a view: their own, or one shared with them. A view shared with a role
 * reaches every user of that role; shared with a branch, every user whose branch lies in that
 * branch's subtree (`branchIsUnder`); shared with both, the users of that role there. A view
 * shared with nobody stays its owner's.
 */
export function viewVisible(
  reader: ViewReader,
  view: ViewSharing,
  branchIsUnder: (branchId: string, ancestorId: string) => boolean,
): boolean {
  if (view.ownerId === reader.id) return true;
  if (view.sharedRole === null && view.sharedBranchId === null) return false;
  if (view.sharedRole !== null && view.sharedRole !== reader.role) return false;
  if (view.sharedBranchId !== null && !(reader.branchId !== null && branchIsUnder(reader.branchId, view.sharedBranchId))) return false;
  return true;
}

/** Only the owner edits, re-shares or deletes a view; the users it is shared with only use it. */
export function canEditView(reader: Pick<ViewReader, 'id'>, view: Pick<ViewSharing, 'ownerId'>): boolean {
  return view.ownerId === reader.id;
}
