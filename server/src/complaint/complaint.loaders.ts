import { groupBy, type LoaderKit } from '../core/loader.js';
import { extensionsOfComplaints, type ComplaintExtensionRow } from './complaint.repository.js';

/** Per-request batching: a page of cases' extension histories in one query. */
export function complaintLoaders({ db, loader }: LoaderKit) {
  return {
    complaintExtensions: loader<string, ComplaintExtensionRow[]>(async (ids) =>
      groupBy(ids, await extensionsOfComplaints(db(), ids), (e) => e.caseId),
    ),
  };
}
