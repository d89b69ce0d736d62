import type { ActionStatus, ProblemStatus, RootCause, Outcome, Severity, ExtensionDecision } from '../../lib/types.js';

export const PROBLEM_QUERY = /* GraphQL */ `
  query ProblemPage_Problem($id: ID!) {
    problem(id: $id) {
      id
      code
      title
      status
      severity
      version
      createdAt
      updatedAt
      dismissReason
      feedbackCount
      category {
        id
        name
      }
      createdBy {
        id
        displayName
      }
      mergedInto {
        id
        code
        title
      }
      branches {
        id
        name
        level
      }
      feedback(first: 50) {
        totalCount
        edges {
          node {
            id
            kind
            channel
            text
            complaint
            customerRef
            receivedAt
            category {
              name
            }
            branch {
              name
            }
            recordedBy {
              displayName
            }
          }
        }
      }
      diagnosis {
        author {
          id
          displayName
        }
        summary
        customerImpact
        suspectedCause
        proposedDepartments {
          id
          name
        }
        submittedAt
      }
      consultation {
        coordinator {
          id
          displayName
        }
        experts {
          id
          displayName
          department {
            id
            name
          }
        }
        opinions {
          expert {
            id
            displayName
          }
          department {
            id
            name
          }
          body
          agreesWithDiagnosis
          submittedAt
        }
        conclusion {
          rootCause
          rootCauseDetail
          remediationPlan
          outcome
          issuedBy {
            displayName
          }
          issuedAt
        }
        openedAt
        dueAt
      }
      actions {
        id
        title
        description
        dueAt
        status
        overdue
        version
        branch {
          id
          name
        }
        department {
          id
          name
        }
        updates {
          author {
            displayName
          }
          note
          status
          at
        }
        extension {
          requestedDueAt
          reason
          decision
          decidedBy {
            displayName
          }
        }
      }
      history {
        cursor
        type
        at
        actor {
          displayName
        }
        fromStatus
        toStatus
        note
        action {
          id
          title
        }
      }
    }
  }
`;

export interface ProblemFeedback {
  id: string;
  kind: string;
  channel: string;
  text: string;
  complaint: boolean;
  customerRef: string | null;
  receivedAt: string;
  category: { name: string };
  branch: { name: string };
  recordedBy: { displayName: string } | null;
}

export interface ActionRow {
  id: string;
  title: string;
  description: string;
  dueAt: string;
  status: ActionStatus;
  overdue: boolean;
  version: number;
  branch: { id: string; name: string } | null;
  department: { id: string; name: string } | null;
  updates: { author: { displayName: string }; note: string; status: ActionStatus; at: string }[];
  extension: { requestedDueAt: string; reason: string; decision: ExtensionDecision; decidedBy: { displayName: string } | null } | null;
}

export interface Opinion {
  expert: { id: string; displayName: string };
  department: { id: string; name: string };
  body: string;
  agreesWithDiagnosis: boolean;
  submittedAt: string;
}

export interface ProblemDetail {
  id: string;
  code: string;
  title: string;
  status: ProblemStatus;
  severity: Severity;
  version: number;
  createdAt: string;
  updatedAt: string;
  dismissReason: string | null;
  feedbackCount: number;
  category: { id: string; name: string };
  createdBy: { id: string; displayName: string };
  mergedInto: { id: string; code: string; title: string } | null;
  branches: { id: string; name: string; level: string }[];
  feedback: { totalCount: number; edges: { node: ProblemFeedback }[] };
  diagnosis: {
    author: { id: string; displayName: string };
    summary: string;
    customerImpact: string;
    suspectedCause: RootCause;
    proposedDepartments: { id: string; name: string }[];
    submittedAt: string;
  } | null;
  consultation: {
    coordinator: { id: string; displayName: string };
    experts: { id: string; displayName: string; department: { id: string; name: string } | null }[];
    opinions: Opinion[];
    conclusion: {
      rootCause: RootCause;
      rootCauseDetail: string;
      remediationPlan: string;
      outcome: Outcome;
      issuedBy: { displayName: string };
      issuedAt: string;
    } | null;
    openedAt: string;
    dueAt: string | null;
  } | null;
  actions: ActionRow[];
  history: {
    cursor: string;
    type: string;
    at: string;
    actor: { displayName: string } | null;
    fromStatus: string | null;
    toStatus: string | null;
    note: string | null;
    action: { id: string; title: string } | null;
  }[];
}
