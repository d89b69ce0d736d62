import { graphql } from '../../gql/index.js';

// Corrections of a problem (issue 18). Each answers what its section shows; the page's live query
// refetches the rest on the event the correction leaves.

export const CORRECT_PROBLEM = graphql(`
  mutation ProblemCorrections_Correct($input: CorrectProblemInput!) {
    correctProblem(input: $input) {
      id
      version
      title
      severity
      category {
        id
        name
      }
      branches {
        id
        name
        level
      }
    }
  }
`);

export const REVISE_DIAGNOSIS = graphql(`
  mutation ProblemCorrections_ReviseDiagnosis($input: ReviseDiagnosisInput!) {
    reviseDiagnosis(input: $input) {
      id
      version
      severity
      diagnosis {
        summary
        customerImpact
        suspectedCause
        proposedDepartments {
          id
          name
        }
        submittedAt
      }
    }
  }
`);

export const DETACH_FEEDBACK = graphql(`
  mutation ProblemCorrections_Detach($input: DetachFeedbackInput!) {
    detachFeedback(input: $input) {
      id
      version
      feedbackCount
    }
  }
`);

export const MERGE_PROBLEMS = graphql(`
  mutation ProblemCorrections_Merge($input: MergeProblemsInput!) {
    mergeProblems(input: $input) {
      id
      status
      version
      mergedInto {
        id
        code
        title
      }
    }
  }
`);

export const INVITE_EXPERTS = graphql(`
  mutation ProblemCorrections_Invite($input: ChangeExpertsInput!) {
    inviteExperts(input: $input) {
      id
      version
      consultation {
        experts {
          id
          displayName
        }
      }
    }
  }
`);

export const REMOVE_EXPERTS = graphql(`
  mutation ProblemCorrections_Remove($input: ChangeExpertsInput!) {
    removeExperts(input: $input) {
      id
      version
      consultation {
        experts {
          id
          displayName
        }
      }
    }
  }
`);

export const DECLINE_INVITATION = graphql(`
  mutation ProblemCorrections_DeclineInvitation($input: DeclineInvitationInput!) {
    declineInvitation(input: $input) {
      id
      version
      consultation {
        experts {
          id
        }
      }
    }
  }
`);
