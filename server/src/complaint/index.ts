/** complaint: complaint cases (投诉工单) to the regulator's rules — limits, 回避, decision, 核实, withdrawal. */
import {
  ComplaintExtensionResolver,
  ComplaintResolver,
  HubEventComplaintResolver,
  ProblemComplaintsResolver,
} from './complaint.resolver.js';

export { ComplaintService } from './complaint.service.js';

export const complaintModule = {
  name: 'complaint',
  resolvers: [ComplaintResolver, ComplaintExtensionResolver, ProblemComplaintsResolver, HubEventComplaintResolver],
};
export { complaintCases, complaintCodes, complaintExtensions } from './complaint.table.js';
export { extensionsOfComplaints, complaintHandlerId, type ComplaintExtensionRow } from './complaint.repository.js';
export { complaintDeadlineSource, complaintDeadlinePolicyOf } from './complaint.deadline.js';
