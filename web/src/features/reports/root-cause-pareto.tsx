import { useMemo } from 'react';
import { useI18n } from '../../lib/i18n.js';
import { Chart } from '../charts/lazy-chart.js';
import type { RootCauseShare } from './performance.query.js';

/** Concluded problems by root cause, largest first, with the running share (a Pareto chart). */
export function RootCausePareto({ rows, height = 260 }: { rows: readonly RootCauseShare[]; height?: number }) {
  const { t, te } = useI18n();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 48, top: 32, bottom: 40 },
      xAxis: {
        type: 'category',
        data: rows.map((r) => te('RootCause', r.rootCause)),
        axisLabel: { interval: 0, rotate: rows.length > 5 ? 20 : 0 },
      },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('pareto.count'), type: 'bar', barMaxWidth: 32, data: rows.map((r) => r.count) },
        { name: t('pareto.cumulative'), type: 'line', yAxisIndex: 1, data: rows.map((r) => Math.round(r.cumulativeShare * 100)) },
      ],
    }),
    [rows, t, te],
  );
  return <Chart option={option} height={height} label={t('pareto.title')} testId="chart-root-causes" />;
}
