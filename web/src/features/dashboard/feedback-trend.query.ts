import { graphql } from '../../gql/index.js';

export const TREND_DAYS = 14;

/** The last days' feedback, day by day by kind, and the same window by channel. */
export const FEEDBACK_TREND_QUERY = graphql(`
  query FeedbackTrend_Days($branchId: ID, $from: DateTime!) {
    dashboard(branchId: $branchId, from: $from) {
      feedbackDaily {
        day
        praise
        problems
        suggestions
        complaints
      }
      feedbackByChannel {
        channel
        count
      }
    }
  }
`);
