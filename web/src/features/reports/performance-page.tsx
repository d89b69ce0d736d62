import { useMemo, useState } from 'react';
import dayjs from 'dayjs';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { ACTION_EVENTS } from '../../lib/live-rules.js';
import { PageHeader } from '../common/page-header.js';
import { Panel } from '../common/panel.js';
import { QueryError } from '../common/query-error.js';
import { BranchFilter } from '../common/branch-filter.js';
import { PeriodPicker } from '../common/period-picker.js';
import { LeagueTable } from './league-table.js';
import { CycleTimesChart } from './cycle-times-chart.js';
import { CycleTimesTable } from './cycle-times-table.js';
import { RootCausePareto } from './root-cause-pareto.js';
import { PERFORMANCE_QUERY } from './performance-page.query.js';

const RANGES = ['month', 'quarter', 'half', 'year'] as const;
type Range = (typeof RANGES)[number];
const MONTHS: Record<Range, number> = { month: 0, quarter: 2, half: 5, year: 11 };

/** How the loop performs: the branch league table, stage cycle times and root causes over a period. */
export function PerformancePage() {
  const { t } = useI18n();
  const [range, setRange] = useState<Range>('quarter');
  const [branchId, setBranchId] = useState<string | undefined>();
  const variables = useMemo(
    () => ({ branchId, from: dayjs().startOf('month').subtract(MONTHS[range], 'month').toISOString(), to: undefined }),
    [range, branchId],
  );
  const [{ data, error }, refetch] = useLiveQuery({
    query: PERFORMANCE_QUERY,
    variables,
    live: { types: [...ACTION_EVENTS, 'DIAGNOSIS_SUBMITTED', 'CONSULTATION_OPENED'] },
  });
  const d = data?.dashboard;
  return (
    <div data-testid="performance-page">
      <PageHeader
        title={t('performance.title')}
        sub={t('performance.sub')}
        extra={
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <BranchFilter value={branchId} onChange={setBranchId} />
            <PeriodPicker value={range} onChange={setRange} periods={RANGES} />
          </div>
        }
      />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      <Panel title={t('league.title')} style={{ marginBottom: 12 }}>
        <LeagueTable rows={d?.league ?? []} />
      </Panel>
      <div className="hub-grid hub-grid-2">
        <Panel title={t('cycle.title')}>
          <CycleTimesChart rows={d?.cycleTimes ?? []} />
          <CycleTimesTable rows={d?.cycleTimes ?? []} />
        </Panel>
        <Panel title={t('pareto.title')}>
          <RootCausePareto rows={d?.rootCauses ?? []} height={320} />
        </Panel>
      </div>
    </div>
  );
}
