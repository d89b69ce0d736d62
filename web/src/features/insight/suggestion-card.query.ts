import { graphql } from '../../gql/index.js';

/** One group of similar unattached feedback. */
export const SUGGESTION_CARD_FRAGMENT = graphql(`
  fragment SuggestionCard_Cluster on FeedbackCluster {
    key
    label
    size
    customers
    firstAt
    lastAt
    feedbackIds
    category {
      id
      name
    }
    branches {
      id
      name
    }
    sample(first: 3) {
      ...FeedbackSnippet_Feedback
    }
  }
`);
