import { graphql } from '../../gql/index.js';

// Each step answers the case as its page shows it, so that urql's cache updates the page at once.

export const ASSIGN_COMPLAINT = graphql(`
  mutation ComplaintOperations_Assign($input: AssignComplaintInput!) {
    assignComplaint(input: $input) {
      ...ComplaintPage_Case
    }
  }
`);

export const EXTEND_COMPLAINT = graphql(`
  mutation ComplaintOperations_Extend($input: ExtendComplaintInput!) {
    extendComplaint(input: $input) {
      ...ComplaintPage_Case
    }
  }
`);

export const DECIDE_COMPLAINT = graphql(`
  mutation ComplaintOperations_Decide($input: DecideComplaintInput!) {
    decideComplaint(input: $input) {
      ...ComplaintPage_Case
    }
  }
`);

export const ACCEPT_COMPLAINT = graphql(`
  mutation ComplaintOperations_Accept($input: ComplaintStepInput!) {
    acceptComplaintDecision(input: $input) {
      ...ComplaintPage_Case
    }
  }
`);

export const REQUEST_COMPLAINT_REVIEW = graphql(`
  mutation ComplaintOperations_RequestReview($input: RequestComplaintReviewInput!) {
    requestComplaintReview(input: $input) {
      ...ComplaintPage_Case
    }
  }
`);

export const COMPLETE_COMPLAINT_REVIEW = graphql(`
  mutation ComplaintOperations_CompleteReview($input: CompleteComplaintReviewInput!) {
    completeComplaintReview(input: $input) {
      ...ComplaintPage_Case
    }
  }
`);

export const WITHDRAW_COMPLAINT = graphql(`
  mutation ComplaintOperations_Withdraw($input: WithdrawComplaintInput!) {
    withdrawComplaint(input: $input) {
      ...ComplaintPage_Case
    }
  }
`);

export const ARCHIVE_COMPLAINT = graphql(`
  mutation ComplaintOperations_Archive($input: ComplaintStepInput!) {
    archiveComplaint(input: $input) {
      ...ComplaintPage_Case
    }
  }
`);

export const LINK_COMPLAINT = graphql(`
  mutation ComplaintOperations_Link($input: LinkComplaintToProblemInput!) {
    linkComplaintToProblem(input: $input) {
      ...ComplaintPage_Case
    }
  }
`);
