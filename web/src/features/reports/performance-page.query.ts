import { graphql } from '../../gql/index.js';

export const PERFORMANCE_QUERY = graphql(`
  query PerformancePage_Data($branchId: ID, $from: DateTime, $to: DateTime) {
    dashboard(branchId: $branchId, from: $from, to: $to) {
      league {
        ...LeagueTable_Row
      }
      cycleTimes {
        ...CycleTimes_Row
      }
      rootCauses {
        ...RootCausePareto_Row
      }
    }
  }
`);
