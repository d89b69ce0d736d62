import { useMemo } from 'react';
import { Progress, Space, Table, Tag } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { formatDate } from '../../lib/format.js';
import type { VocReportBodyReportFragment } from '../../gql/graphql.js';
import { Panel } from '../common/panel.js';
import { KindTag } from '../common/kind-tag.js';
import { Chart } from '../charts/lazy-chart.js';
import { CallbackKpis, KpiTiles } from '../dashboard/index.js';
import { LeagueTable } from './league-table.js';
import { CycleTimesTable } from './cycle-times-table.js';
import { RootCausePareto } from './root-cause-pareto.js';
import { ProblemRefList } from './problem-ref-list.js';

export type VocReport = VocReportBodyReportFragment;

/** The monthly report's sections: figures, charts, branches, problems, linkage, quotes, innovations. */
export function VocReportBody({ report: r }: { report: VocReport }) {
  const { t, te } = useI18n();
  const kindOption = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          label: { formatter: '{b}\n{c}' },
          data: [
            { name: te('FeedbackKind', 'PROBLEM'), value: r.problems },
            { name: te('FeedbackKind', 'SUGGESTION'), value: r.suggestions },
            { name: te('FeedbackKind', 'PRAISE'), value: r.praise },
          ],
        },
      ],
    }),
    [r, te],
  );
  const channelOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 24 },
      xAxis: { type: 'category', data: r.byChannel.map((c) => te('Channel', c.channel)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', barMaxWidth: 36, label: { show: true, position: 'top' }, data: r.byChannel.map((c) => c.count) }],
    }),
    [r, te],
  );
  const categoryOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 80, right: 24, top: 28, bottom: 16 },
      yAxis: { type: 'category', inverse: true, data: r.topCategories.map((c) => c.category.name) },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('report.thisMonth'), type: 'bar', data: r.topCategories.map((c) => c.count) },
        { name: t('report.previousMonth'), type: 'bar', data: r.topCategories.map((c) => c.previousCount) },
      ],
    }),
    [r, t],
  );
  const onTime = r.actionsDue ? r.actionsDoneOnTime / r.actionsDue : null;
  const stat = (label: string, value: number, testId?: string) => (
    <section className="hub-panel" key={label}>
      <div className="hub-panel-body">
        <div className="hub-stat-title">{label}</div>
        <div className="hub-stat-value" data-testid={testId}>
          {value}
        </div>
      </div>
    </section>
  );

  return (
    <div data-testid="voc-report">
      <div className="hub-grid hub-grid-4">
        {stat(t('report.total'), r.total, 'report-total')}
        {stat(te('FeedbackKind', 'PROBLEM'), r.problems)}
        {stat(te('FeedbackKind', 'SUGGESTION'), r.suggestions)}
        {stat(te('FeedbackKind', 'PRAISE'), r.praise)}
        {stat(t('report.complaints'), r.complaints)}
        <section className="hub-panel">
          <div className="hub-panel-body">
            <div className="hub-stat-title">{t('report.actionsOnTime')}</div>
            <Progress
              percent={onTime === null ? 0 : Math.round(onTime * 100)}
              size="small"
              status={r.actionsOverdue ? 'exception' : 'normal'}
              aria-label={t('report.actionsOnTime')}
            />
            <div className="hub-muted">
              {t('report.actionsLine', { done: r.actionsDoneOnTime, due: r.actionsDue, overdue: r.actionsOverdue })}
              {t('report.actionsMore', { late: r.actionsDoneLate, pending: r.actionsPending })}
            </div>
          </div>
        </section>
      </div>
      <h2 className="hub-card-title" style={{ margin: '16px 0 8px' }}>
        {t('dashboard.kpis', { n: r.kpis.contacts })}
      </h2>
      <KpiTiles assessments={r.kpis.assessments} />
      <CallbackKpis kpis={r.kpis.callbacks} />
      <div className="hub-grid hub-grid-3" style={{ marginTop: 12 }}>
        <Panel title={t('report.byKind')}>
          <Chart option={kindOption} height={240} label={t('report.byKind')} testId="chart-report-kind" />
        </Panel>
        <Panel title={t('report.byChannel')}>
          <Chart option={channelOption} height={240} label={t('report.byChannel')} testId="chart-report-channel" />
        </Panel>
        <Panel title={t('report.topCategories')}>
          <Chart option={categoryOption} height={240} label={t('report.topCategories')} testId="chart-report-categories" />
        </Panel>
      </div>
      <div className="hub-grid hub-grid-2" style={{ marginTop: 12 }}>
        <Panel title={t('report.byBranch')}>
          <Table<VocReport['byBranch'][number]>
            size="small"
            rowKey={(b) => b.branch.id}
            dataSource={r.byBranch}
            pagination={false}
            columns={[
              { title: t('feedback.branch'), render: (_, b) => b.branch.name },
              { title: t('report.totalShort'), dataIndex: 'total', sorter: (a, b) => a.total - b.total, defaultSortOrder: 'descend' },
              { title: te('FeedbackKind', 'PROBLEM'), dataIndex: 'problems', sorter: (a, b) => a.problems - b.problems },
              { title: te('FeedbackKind', 'SUGGESTION'), dataIndex: 'suggestions', sorter: (a, b) => a.suggestions - b.suggestions },
              { title: te('FeedbackKind', 'PRAISE'), dataIndex: 'praise', sorter: (a, b) => a.praise - b.praise },
              { title: t('report.complaints'), dataIndex: 'complaints', sorter: (a, b) => a.complaints - b.complaints },
            ]}
          />
          <h3 className="hub-card-title" style={{ margin: '12px 0 8px' }}>
            {t('report.categoryChange')}
          </h3>
          <Space wrap>
            {r.topCategories.map((c) => {
              const diff = c.count - c.previousCount;
              return (
                <Tag key={c.category.id} style={{ padding: '2px 8px' }}>
                  {c.category.name} {c.count}{' '}
                  {diff === 0 ? (
                    '—'
                  ) : diff > 0 ? (
                    <ArrowUpOutlined style={{ color: '#b71c1c' }} aria-label={t('report.up')} />
                  ) : (
                    <ArrowDownOutlined style={{ color: '#1b5e20' }} aria-label={t('report.down')} />
                  )}{' '}
                  {c.previousCount ? `${diff > 0 ? '+' : ''}${Math.round((diff / c.previousCount) * 100)}%` : ''}
                </Tag>
              );
            })}
          </Space>
        </Panel>
        <div className="hub-grid">
          <Panel title={t('report.newProblems', { n: r.newProblems.length })}>
            <ProblemRefList items={r.newProblems} empty={t('common.none')} />
          </Panel>
          <Panel title={t('report.resolvedProblems', { n: r.resolvedProblems.length })}>
            <ProblemRefList items={r.resolvedProblems} empty={t('common.none')} />
          </Panel>
          <Panel title={t('report.innovations')}>
            <ProblemRefList items={r.innovations} empty={t('report.noInnovations')} />
          </Panel>
        </div>
      </div>
      <Panel title={t('report.quotes')} style={{ marginTop: 12 }}>
        {r.quoteGroups.length ? (
          <div className="hub-grid hub-grid-3">
            {r.quoteGroups.map((g) => (
              <blockquote key={g.quote.id} className="hub-quote">
                <div className="hub-muted" style={{ marginBottom: 4 }}>
                  <KindTag kind={g.kind} complaint={g.quote.complaint} /> {g.category.name} · {t('report.groupSize', { n: g.size })}
                </div>
                <span className="hub-feedback-text">{g.quote.text}</span>
                <div className="hub-muted">
                  {te('Channel', g.quote.channel)} · {g.quote.branch.name} · {formatDate(g.quote.receivedAt)}
                </div>
              </blockquote>
            ))}
          </div>
        ) : (
          <p className="hub-muted">{t('common.none')}</p>
        )}
      </Panel>
      <Panel title={t('league.title')} style={{ marginTop: 12 }}>
        <LeagueTable rows={r.league} limit={10} />
      </Panel>
      <div className="hub-grid hub-grid-2" style={{ marginTop: 12 }}>
        <Panel title={t('cycle.title')}>
          <CycleTimesTable rows={r.cycleTimes} />
        </Panel>
        <Panel title={t('pareto.title')}>
          <RootCausePareto rows={r.rootCauses} />
        </Panel>
      </div>
    </div>
  );
}
