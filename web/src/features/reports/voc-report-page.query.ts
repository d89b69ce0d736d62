import { graphql } from '../../gql/index.js';

/** A published version of a month's report, as the version picker lists it. */
export const REPORT_VERSION_FRAGMENT = graphql(`
  fragment VocReportPage_Version on PublishedVocReport {
    version
    publishedAt
    publishedBy {
      displayName
    }
    summary
  }
`);

/** The month's report as it stands now (live). */
export const VOC_REPORT_QUERY = graphql(`
  query VocReportPage_Live($month: String!, $branchId: ID) {
    vocReport(month: $month, branchId: $branchId) {
      ...VocReportBody_Report
    }
    publishedVocReports(month: $month) {
      ...VocReportPage_Version
    }
  }
`);

/** A published, frozen version of the month's report. */
export const PUBLISHED_REPORT_QUERY = graphql(`
  query VocReportPage_Published($month: String!, $version: Int, $branchId: ID) {
    publishedVocReport(month: $month, version: $version, branchId: $branchId) {
      ...VocReportPage_Version
      changes {
        key
        label
        before
        after
      }
      report {
        ...VocReportBody_Report
      }
      narrative {
        ...ReportNarrative_Text
      }
    }
    publishedVocReports(month: $month) {
      ...VocReportPage_Version
    }
  }
`);

export const PUBLISH_REPORT_MUTATION = graphql(`
  mutation VocReportPage_Publish($input: PublishVocReportInput!) {
    publishVocReport(input: $input) {
      month
      version
      publishedAt
      summary
    }
  }
`);
