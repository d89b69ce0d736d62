import { useMemo } from 'react';
import dayjs from 'dayjs';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { enumValues } from '../../lib/translate.js';
import { Chart } from '../charts/lazy-chart.js';
import { QueryError } from '../common/query-error.js';
import { Panel } from '../common/panel.js';
import { TREND_DAYS, FEEDBACK_TREND_QUERY } from './feedback-trend.query.js';

const CHANNELS = enumValues('Channel');

/** Feedback of the last two weeks: day by day by kind (with complaints), and by channel. */
export function FeedbackTrend({ branchId }: { branchId?: string }) {
  const { t, te } = useI18n();
  const variables = useMemo(
    () => ({
      branchId,
      from: dayjs()
        .startOf('day')
        .subtract(TREND_DAYS - 1, 'day')
        .toISOString(),
    }),
    [branchId],
  );
  const [{ data, error }, refetch] = useLiveQuery({
    query: FEEDBACK_TREND_QUERY,
    variables,
    live: { types: ['FEEDBACK_RECORDED', 'RECORDS_IMPORTED'] },
  });
  const days = data?.dashboard.feedbackDaily ?? [];

  const kindOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        ...(
          [
            ['problems', 'PROBLEM'],
            ['suggestions', 'SUGGESTION'],
            ['praise', 'PRAISE'],
          ] as const
        ).map(([k, kind]) => ({
          name: te('FeedbackKind', kind),
          type: 'line',
          smooth: true,
          symbolSize: 5,
          data: days.map((d) => d[k]),
        })),
        { name: t('feedback.complaint'), type: 'bar', barMaxWidth: 10, data: days.map((d) => d.complaints) },
      ],
    }),
    [days, t, te],
  );
  const channels = data?.dashboard.feedbackByChannel ?? [];
  const channelOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 72, right: 24, top: 8, bottom: 24 },
      yAxis: { type: 'category', inverse: true, data: CHANNELS.map((c) => te('Channel', c)) },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          label: { show: true, position: 'right' },
          data: CHANNELS.map((c) => channels.find((x) => x.channel === c)?.count ?? 0),
        },
      ],
    }),
    [channels, te],
  );

  if (error) return <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
  return (
    <div className="hub-grid hub-grid-2">
      <Panel title={t('dashboard.trendByKind', { n: TREND_DAYS })}>
        <Chart option={kindOption} height={260} label={t('dashboard.trendByKind', { n: TREND_DAYS })} testId="chart-trend-kind" />
      </Panel>
      <Panel title={t('dashboard.trendByChannel', { n: TREND_DAYS })}>
        <Chart option={channelOption} height={260} label={t('dashboard.trendByChannel', { n: TREND_DAYS })} testId="chart-trend-channel" />
      </Panel>
    </div>
  );
}
