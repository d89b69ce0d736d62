import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { COMPLAINT_EVENTS } from '../../lib/live-rules.js';
import { Panel } from '../common/panel.js';
import { PROBLEM_COMPLAINTS_QUERY } from './problem-complaints.query.js';
import { ComplaintList } from './complaint-list.js';

/** The complaint cases a problem traces, fewest days left first, with their deadlines; hidden when there are none. */
export function ProblemComplaints({ problemId }: { problemId: string }) {
  const { t } = useI18n();
  const [{ data }] = useLiveQuery({ query: PROBLEM_COMPLAINTS_QUERY, variables: { id: problemId }, live: { types: COMPLAINT_EVENTS } });
  const rows = data?.problem?.complaints ?? [];
  if (!rows.length) return null;
  return (
    <Panel title={`${t('problem.complaints')}（${rows.length}）`} testId="problem-complaints">
      <ComplaintList rows={rows} testId="problem-complaint-list" />
    </Panel>
  );
}
