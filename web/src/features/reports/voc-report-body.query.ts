import { graphql } from '../../gql/index.js';

/** A month's report, as its sections show it (live or a published version's). */
export const VOC_REPORT_FRAGMENT = graphql(`
  fragment VocReportBody_Report on VocReport {
    month
    generatedAt
    total
    praise
    problems
    suggestions
    complaints
    branch {
      id
      name
    }
    byChannel {
      channel
      count
    }
    topCategories {
      category {
        id
        name
      }
      count
      previousCount
    }
    byBranch {
      branch {
        id
        name
      }
      praise
      problems
      suggestions
      complaints
      total
    }
    newProblems {
      ...ProblemRefList_Problem
      severity
    }
    resolvedProblems {
      ...ProblemRefList_Problem
    }
    actionsDue
    actionsDoneOnTime
    actionsDoneLate
    actionsOverdue
    actionsPending
    quoteGroups {
      kind
      size
      category {
        id
        name
      }
      quote {
        id
        kind
        text
        channel
        complaint
        receivedAt
        branch {
          name
        }
      }
    }
    innovations {
      ...ProblemRefList_Problem
    }
    kpis {
      ...KpiTiles_Kpis
      callbacks {
        ...CallbackKpis_Kpis
      }
    }
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
`);
