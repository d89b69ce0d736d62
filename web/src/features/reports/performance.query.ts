/** The fields of the loop's performance, shared by the dashboard range, the report and its versions. */
export const LEAGUE_FIELDS =
  'branch { id name } assigned confirmed confirmedOnTime onTimeRate overdueNow medianDaysToConfirm returned extensionsRequested recurrences';
export const CYCLE_FIELDS = 'stage month medianDays p90Days problems category { id name }';
export const ROOT_CAUSE_FIELDS = 'rootCause count share cumulativeShare outcomes { outcome count }';

export interface LeagueRow {
  branch: { id: string; name: string };
  assigned: number;
  confirmed: number;
  confirmedOnTime: number;
  onTimeRate: number | null;
  overdueNow: number;
  medianDaysToConfirm: number | null;
  returned: number;
  extensionsRequested: number;
  recurrences: number;
}

export interface CycleTime {
  stage: string;
  month: string;
  medianDays: number;
  p90Days: number;
  problems: number;
  category: { id: string; name: string } | null;
}

export interface RootCauseShare {
  rootCause: string;
  count: number;
  share: number;
  cumulativeShare: number;
  outcomes: { outcome: string; count: number }[];
}

export const LOOP_STAGES = [
  'OPEN_TO_DIAGNOSIS',
  'DIAGNOSIS_TO_CONSULTATION',
  'CONSULTATION_TO_CONCLUSION',
  'CONCLUSION_TO_VERIFICATION',
  'VERIFICATION_TO_RESOLUTION',
] as const;
