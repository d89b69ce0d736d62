import { KPI_FIELDS } from '../../lib/kpi.js';
import { CYCLE_FIELDS, LEAGUE_FIELDS, ROOT_CAUSE_FIELDS } from './performance.query.js';

const REPORT_FIELDS = `
  month generatedAt total praise problems suggestions complaints
  branch { id name }
  byChannel { channel count }
  topCategories { category { id name } count previousCount }
  byBranch { branch { id name } praise problems suggestions complaints total }
  newProblems { id code title status severity }
  resolvedProblems { id code title status }
  actionsDue actionsDoneOnTime actionsDoneLate actionsOverdue actionsPending
  quoteGroups { kind size category { id name } quote { id kind text channel complaint receivedAt branch { name } } }
  innovations { id code title status }
  kpis { ${KPI_FIELDS} }
  league { ${LEAGUE_FIELDS} }
  cycleTimes { ${CYCLE_FIELDS} }
  rootCauses { ${ROOT_CAUSE_FIELDS} }
`;

/** The month's report as it stands now (live). */
export const VOC_REPORT_QUERY = `
  query VocReportPage_Live($month: String!, $branchId: ID) {
    vocReport(month: $month, branchId: $branchId) { ${REPORT_FIELDS} }
    publishedVocReports(month: $month) { version publishedAt publishedBy { displayName } summary }
  }
`;

/** A published, frozen version of the month's report. */
export const PUBLISHED_REPORT_QUERY = `
  query VocReportPage_Published($month: String!, $version: Int, $branchId: ID) {
    publishedVocReport(month: $month, version: $version, branchId: $branchId) {
      version publishedAt summary
      publishedBy { displayName }
      changes { key label before after }
      report { ${REPORT_FIELDS} }
    }
    publishedVocReports(month: $month) { version publishedAt publishedBy { displayName } summary }
  }
`;

export const PUBLISH_REPORT_MUTATION = /* GraphQL */ `
  mutation VocReportPage_Publish($input: PublishVocReportInput!) {
    publishVocReport(input: $input) {
      month
      version
      publishedAt
      summary
    }
  }
`;
