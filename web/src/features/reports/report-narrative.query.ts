import { graphql } from '../../gql/index.js';

/** The sections of the monthly analysis, as the page shows them (working or frozen). */
export const NARRATIVE_TEXT_FRAGMENT = graphql(`
  fragment ReportNarrative_Text on ReportNarrativeText {
    highlights
    analysis
    recommendations
    innovation
    updatedAt
  }
`);

/** The month's working analysis (analysts, coordinator, admin). */
export const NARRATIVE_QUERY = graphql(`
  query ReportNarrative_Working($month: String!) {
    reportNarrative(month: $month) {
      highlights
      analysis
      recommendations
      innovation
      updatedAt
      month
      status
      version
      returnReason
      publishedVersion
      updatedBy {
        displayName
      }
    }
  }
`);

export const SAVE_NARRATIVE_MUTATION = graphql(`
  mutation ReportNarrative_Save($input: SaveReportNarrativeInput!) {
    saveReportNarrative(input: $input) {
      month
      status
      version
    }
  }
`);

export const SUBMIT_NARRATIVE_MUTATION = graphql(`
  mutation ReportNarrative_Submit($input: SubmitReportNarrativeInput!) {
    submitReportNarrative(input: $input) {
      month
      status
      version
    }
  }
`);

export const RETURN_NARRATIVE_MUTATION = graphql(`
  mutation ReportNarrative_Return($input: ReturnReportNarrativeInput!) {
    returnReportNarrative(input: $input) {
      month
      status
      version
    }
  }
`);
