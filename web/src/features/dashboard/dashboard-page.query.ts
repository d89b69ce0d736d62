import { KPI_FIELDS } from '../../lib/kpi.js';

export const DASHBOARD_QUERY = `
  query DashboardPage_Data($branchId: ID, $from: DateTime) {
    dashboard(branchId: $branchId, from: $from) {
      problemsByStatus { status count }
      feedbackByKind { kind count }
      openActions
      overdueActions
      kpis { ${KPI_FIELDS} }
    }
    submitted: actions(filter: { status: [SUBMITTED], branchId: $branchId }, first: 0) { totalCount }
    overdue: actions(filter: { overdue: true, branchId: $branchId }, first: 8) {
      totalCount
      edges { node { id title dueAt status overdue problem { id code title } branch { name } department { name } } }
    }
  }
`;
