import { graphql } from '../../gql/index.js';
import type { CycleTimesRowFragment, LeagueTableRowFragment, LoopStage, RootCauseParetoRowFragment } from '../../gql/graphql.js';

// The loop's performance, shared by the dashboard range, the report and its versions.

/** A branch's row of the league table (league-table.tsx). */
export const LEAGUE_ROW_FRAGMENT = graphql(`
  fragment LeagueTable_Row on BranchLeagueRow {
    branch {
      id
      name
    }
    assigned
    confirmed
    confirmedOnTime
    onTimeRate
    overdueNow
    medianDaysToConfirm
    returned
    extensionsRequested
    recurrences
    complaintsReceived
    complaintsOverdueNow
    praise
    complaintsByCode {
      channelCode
      channelName
      businessCode
      businessName
      causeCode
      causeName
      count
    }
  }
`);

/** A stage's cycle time in a month (cycle-times-chart.tsx, cycle-times-table.tsx). */
export const CYCLE_TIME_FRAGMENT = graphql(`
  fragment CycleTimes_Row on StageCycleTime {
    stage
    month
    medianDays
    p90Days
    problems
    category {
      id
      name
    }
  }
`);

/** A root cause's share, with its outcomes (root-cause-pareto.tsx). */
export const ROOT_CAUSE_FRAGMENT = graphql(`
  fragment RootCausePareto_Row on RootCauseShare {
    rootCause
    count
    share
    cumulativeShare
    outcomes {
      outcome
      count
    }
  }
`);

export type LeagueRow = LeagueTableRowFragment;
export type CycleTime = CycleTimesRowFragment;
export type RootCauseShare = RootCauseParetoRowFragment;

/** The loop's stages in the order a problem goes through them (every one of the schema's). */
export const LOOP_STAGES = ((order: Record<LoopStage, number>) => (Object.keys(order) as LoopStage[]).sort((a, b) => order[a] - order[b]))({
  OPEN_TO_DIAGNOSIS: 0,
  DIAGNOSIS_TO_CONSULTATION: 1,
  CONSULTATION_TO_CONCLUSION: 2,
  CONCLUSION_TO_VERIFICATION: 3,
  VERIFICATION_TO_RESOLUTION: 4,
});
