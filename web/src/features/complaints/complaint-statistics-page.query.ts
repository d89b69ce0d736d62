import { graphql } from '../../gql/index.js';

/** The regulator's figures of a set of cases, one row of the statistics tables. */
export const COMPLAINT_FIGURES_FRAGMENT = graphql(`
  fragment ComplaintStatisticsPage_Figures on ComplaintFigures {
    received
    decidedWithin15Days
    decidedWithin30Days
    decidedWithin60Days
    overdue
    withdrawn
    reviewRequested
    reviewUpheld
    reviewChanged
    reviewPending
    averageHandlingDays
  }
`);

/** A quarter's complaint statistics, by JR/T 0169-2018 code and by branch (the XLSX's figures). */
export const COMPLAINT_STATISTICS_QUERY = graphql(`
  query ComplaintStatisticsPage_Statistics($quarter: String!, $branchId: ID) {
    complaintStatistics(quarter: $quarter, branchId: $branchId) {
      quarter
      asOf
      branch {
        id
        name
      }
      total {
        ...ComplaintStatisticsPage_Figures
      }
      byCode {
        channelCode
        channelName
        businessCode
        businessName
        causeCode
        causeName
        figures {
          ...ComplaintStatisticsPage_Figures
        }
      }
      byBranch {
        branch {
          id
          code
          name
        }
        figures {
          ...ComplaintStatisticsPage_Figures
        }
      }
    }
  }
`);
