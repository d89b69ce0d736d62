import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { CALLBACK_EVENTS } from '../../lib/live-rules.js';
import { Panel } from '../common/panel.js';
import { PROBLEM_CALLBACKS_QUERY } from './callback-row.query.js';
import { CallbackList } from './callback-list.js';

/** A resolved problem's callbacks (回访) and their outcomes; hidden when there are none or the viewer works none. */
export function ProblemCallbacks({ problemId }: { problemId: string }) {
  const { t } = useI18n();
  const [{ data }] = useLiveQuery({ query: PROBLEM_CALLBACKS_QUERY, variables: { id: problemId }, live: { types: CALLBACK_EVENTS } });
  const rows = data?.problem?.callbacks ?? [];
  if (!rows.length) return null;
  return (
    <Panel title={`${t('problem.callbacks')}（${rows.length}）`} testId="problem-callbacks">
      <CallbackList rows={rows} testId="problem-callback-list" showProblem={false} />
    </Panel>
  );
}
