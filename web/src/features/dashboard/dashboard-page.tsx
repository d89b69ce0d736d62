import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { useLiveSnapshot, useViewer } from '../../lib/session.js';
import { formatDate } from '../../lib/format.js';
import { LOOP_STATUSES } from '../../lib/types.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { Panel } from '../common/panel.js';
import { BranchFilter } from '../common/branch-filter.js';
import { PeriodPicker } from '../common/period-picker.js';
import { ActionStatusTag } from '../common/action-status-tag.js';
import { Chart } from '../charts/lazy-chart.js';
import { ActivityList } from './activity-list.js';
import { KpiTiles } from './kpi-tiles.js';
import { CallbackKpis } from './callback-kpis.js';
import { FeedbackTrend } from './feedback-trend.js';
import { DASHBOARD_QUERY } from './dashboard-page.query.js';

const PERIODS = ['today', 'week', 'month'] as const;
type Period = (typeof PERIODS)[number];

function periodStart(p: Period): string {
  if (p === 'today') return dayjs().startOf('day').toISOString();
  if (p === 'week') return dayjs().startOf('day').subtract(6, 'day').toISOString();
  return dayjs().startOf('month').toISOString();
}

function Stat({ title, value, testId, alert }: { title: string; value: number | undefined; testId: string; alert?: boolean }) {
  return (
    <section className="hub-panel">
      <div className="hub-panel-body">
        <h2 className="hub-stat-title" style={{ margin: 0, fontWeight: 'normal' }}>
          {title}
        </h2>
        <div className="hub-stat-value" data-testid={testId} style={alert && value ? { color: '#b71c1c' } : undefined}>
          {value ?? '—'}
        </div>
      </div>
    </section>
  );
}

/** Where the loop stands, live: problems by status, overdue actions, feedback trend, KPIs. */
export function DashboardPage() {
  const { t, te } = useI18n();
  const viewer = useViewer();
  const { recent } = useLiveSnapshot();
  const [period, setPeriod] = useState<Period>('month');
  const [branchId, setBranchId] = useState<string | undefined>();
  const variables = useMemo(() => ({ branchId, from: periodStart(period) }), [branchId, period]);
  const [{ data, error }, refetch] = useLiveQuery({ query: DASHBOARD_QUERY, variables, live: {} });
  const d = data?.dashboard;

  const statusOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 24 },
      xAxis: { type: 'category', data: LOOP_STATUSES.map((s) => te('ProblemStatus', s)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          barMaxWidth: 36,
          label: { show: true, position: 'top' },
          data: LOOP_STATUSES.map((s) => d?.problemsByStatus.find((x) => x.status === s)?.count ?? 0),
        },
      ],
    }),
    [d, te],
  );

  const openProblems = d?.problemsByStatus
    .filter((s) => !['RESOLVED', 'MERGED', 'DISMISSED'].includes(s.status))
    .reduce((n, s) => n + s.count, 0);
  const feedbackTotal = d?.feedbackByKind.reduce((n, k) => n + k.count, 0);
  const overdue = data?.overdue.edges.map((e) => e.node) ?? [];

  return (
    <div data-testid="dashboard">
      <PageHeader
        title={t('dashboard.title')}
        sub={viewer.role === 'BRANCH_MANAGER' ? t('dashboard.scopeBranch', { branch: viewer.branch?.name ?? '' }) : t('dashboard.sub')}
        extra={
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <BranchFilter value={branchId} onChange={setBranchId} />
            <PeriodPicker value={period} onChange={setPeriod} periods={PERIODS} />
          </div>
        }
      />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      <div className="hub-grid hub-grid-4" style={{ marginBottom: 12 }}>
        <Stat title={t('dashboard.openProblems')} value={openProblems} testId="stat-open-problems" />
        <Stat title={t('dashboard.openActions')} value={d?.openActions} testId="stat-open-actions" />
        <Stat title={t('dashboard.overdueActions')} value={d?.overdueActions} testId="stat-overdue-actions" alert />
        <Stat title={t('dashboard.awaitingConfirmation')} value={data?.submitted.totalCount} testId="stat-submitted" />
      </div>
      <h2 className="hub-card-title" style={{ margin: '4px 0 8px' }}>
        {t('dashboard.kpis', { n: d?.kpis.contacts ?? 0 })}
      </h2>
      {d ? <KpiTiles assessments={d.kpis.assessments} /> : null}
      {d ? <CallbackKpis kpis={d.kpis.callbacks} /> : null}
      <div className="hub-grid hub-grid-2" style={{ marginTop: 12 }}>
        <Panel title={t('dashboard.byStatus')}>
          <Chart option={statusOption} height={240} label={t('dashboard.byStatus')} testId="chart-status" />
        </Panel>
        <Panel
          title={t('dashboard.overdueList', { n: data?.overdue.totalCount ?? 0 })}
          extra={<Link to="/problems">{t('common.more')}</Link>}
        >
          {overdue.length ? (
            <table className="hub-table" data-testid="overdue-table">
              <thead>
                <tr>
                  <th scope="col">{t('action.title')}</th>
                  <th scope="col">{t('action.owner')}</th>
                  <th scope="col">{t('action.dueAt')}</th>
                  <th scope="col">{t('common.status')}</th>
                </tr>
              </thead>
              <tbody>
                {overdue.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/problems/${a.problem.id}`}>
                        {a.problem.code} · {a.title}
                      </Link>
                    </td>
                    <td>{a.branch?.name ?? a.department?.name}</td>
                    <td className="hub-overdue-text">{formatDate(a.dueAt)}</td>
                    <td>
                      <ActionStatusTag status={a.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="hub-muted">{t('dashboard.noOverdue')}</p>
          )}
        </Panel>
      </div>
      <div style={{ marginTop: 12 }}>
        <FeedbackTrend branchId={branchId} />
      </div>
      <div className="hub-grid hub-grid-2" style={{ marginTop: 12 }}>
        <Panel title={t('dashboard.feedbackInPeriod', { n: feedbackTotal ?? 0 })}>
          <div className="hub-grid hub-grid-4">
            {d?.feedbackByKind.map((k) => (
              <div key={k.kind}>
                <div className="hub-stat-title">{te('FeedbackKind', k.kind)}</div>
                <div className="hub-stat-value">{k.count}</div>
              </div>
            ))}
          </div>
        </Panel>
        <Panel title={t('dashboard.liveActivity')} testId="dashboard-activity">
          {recent.length ? <ActivityList events={recent} limit={6} /> : <p className="hub-muted">{t('dashboard.liveActivityEmpty')}</p>}
        </Panel>
      </div>
    </div>
  );
}
