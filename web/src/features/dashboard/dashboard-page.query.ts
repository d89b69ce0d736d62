import { graphql } from '../../gql/index.js';

export const DASHBOARD_QUERY = graphql(`
  query DashboardPage_Data($branchId: ID, $from: DateTime) {
    dashboard(branchId: $branchId, from: $from) {
      problemsByStatus {
        status
        count
      }
      feedbackByKind {
        kind
        count
      }
      openActions
      overdueActions
      kpis {
        ...KpiTiles_Kpis
        callbacks {
          ...CallbackKpis_Kpis
        }
      }
    }
    submitted: actions(filter: { status: [SUBMITTED], branchId: $branchId }, first: 0) {
      totalCount
    }
    overdue: actions(filter: { overdue: true, branchId: $branchId }, first: 8) {
      totalCount
      edges {
        node {
          id
          title
          dueAt
          status
          overdue
          problem {
            id
            code
            title
          }
          branch {
            name
          }
          department {
            name
          }
        }
      }
    }
  }
`);
