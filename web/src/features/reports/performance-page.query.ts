import { CYCLE_FIELDS, LEAGUE_FIELDS, ROOT_CAUSE_FIELDS } from './performance.query.js';

export const PERFORMANCE_QUERY = `
  query PerformancePage_Data($branchId: ID, $from: DateTime, $to: DateTime) {
    dashboard(branchId: $branchId, from: $from, to: $to) {
      league { ${LEAGUE_FIELDS} }
      cycleTimes { ${CYCLE_FIELDS} }
      rootCauses { ${ROOT_CAUSE_FIELDS} }
    }
  }
`;
