/** complaint: complaint cases (投诉工单) to the regulator's rules — limits, 回避, decision, 核实, withdrawal. */
import {
  ComplaintExtensionResolver,
  ComplaintResolver,
  HubEventComplaintResolver,
  ProblemComplaintsResolver,
} from './complaint.resolver.js';
import {
  ComplaintStatisticsResolver,
  ComplaintBranchFiguresResolver,
  VocReportComplaintsResolver,
  LeagueRowComplaintsResolver,
} from './complaint-statistics.resolver.js';
import type { HubServices } from '../core/context.js';
import { complaintRoutes } from './complaint.routes.js';

export { ComplaintService } from './complaint.service.js';
export { ComplaintStatisticsService } from './complaint-statistics.service.js';
export { ComplaintCodeService } from './complaint-code.service.js';
export { daysLeft as complaintDaysLeft } from './complaint.rules.js';

import { complaintLoaders } from './complaint.loaders.js';

export const complaintModule = {
  name: 'complaint',
  loaders: complaintLoaders,
  resolvers: [
    ComplaintResolver,
    ComplaintExtensionResolver,
    ProblemComplaintsResolver,
    HubEventComplaintResolver,
    ComplaintStatisticsResolver,
    ComplaintBranchFiguresResolver,
    VocReportComplaintsResolver,
    LeagueRowComplaintsResolver,
  ],
  /** GET /exports/complaints/YYYY-Qn.xlsx: the quarter's regulatory statistics. */
  routes: (hub: HubServices) => complaintRoutes(hub),
};
export { complaintCases, complaintCodes, complaintExtensions } from './complaint.table.js';
export { complaintHandlerId, complaintLeagueFacts, complaintsByIds, type ComplaintRow } from './complaint.repository.js';
export { ComplaintCaseType } from './complaint.type.js';
export { complaintDeadlineSource, complaintDeadlinePolicyOf } from './complaint.deadline.js';
