import { graphql } from '../../gql/index.js';

export const EVIDENCE_FILE_FRAGMENT = graphql(`
  fragment EvidencePanel_File on Evidence {
    id
    fileName
    contentType
    size
    isImage
    downloadUrl
    uploadedAt
    uploadedBy {
      id
      displayName
    }
  }
`);

/** An action's files (the branch's proof). */
export const ACTION_EVIDENCE_QUERY = graphql(`
  query EvidencePanel_Action($id: ID!) {
    node(id: $id) {
      ... on LinkageAction {
        id
        evidenceFiles {
          ...EvidencePanel_File
        }
      }
    }
  }
`);

/** A problem's own files. */
export const PROBLEM_EVIDENCE_QUERY = graphql(`
  query EvidencePanel_Problem($id: ID!) {
    problem(id: $id) {
      id
      evidenceFiles {
        ...EvidencePanel_File
      }
    }
  }
`);

/** The diagnosis's files (the analyst's screenshots, the rules quoted). */
export const DIAGNOSIS_EVIDENCE_QUERY = graphql(`
  query EvidencePanel_Diagnosis($id: ID!) {
    problem(id: $id) {
      id
      diagnosis {
        evidenceFiles {
          ...EvidencePanel_File
        }
      }
    }
  }
`);

/** The opinions' files: the panel shows one expert's. */
export const OPINION_EVIDENCE_QUERY = graphql(`
  query EvidencePanel_Opinion($id: ID!) {
    problem(id: $id) {
      id
      consultation {
        opinions {
          expert {
            id
          }
          evidenceFiles {
            ...EvidencePanel_File
          }
        }
      }
    }
  }
`);

export const REMOVE_EVIDENCE = graphql(`
  mutation EvidencePanel_Remove($input: RemoveEvidenceInput!) {
    removeEvidence(input: $input) {
      id
    }
  }
`);
