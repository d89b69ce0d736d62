import { useMemo } from 'react';
import { useI18n } from '../../lib/i18n.js';
import { Chart } from '../charts/lazy-chart.js';
import { LOOP_STAGES, type CycleTime } from './performance.query.js';

/** Median days of each stage of the loop, month by month (all categories together). */
export function CycleTimesChart({ rows, height = 280 }: { rows: readonly CycleTime[]; height?: number }) {
  const { t, te } = useI18n();
  const all = rows.filter((r) => !r.category);
  const months = [...new Set(all.map((r) => r.month))].sort();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} ${t('cycle.days')}`) },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 56, bottom: 24 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', name: t('cycle.days') },
      series: LOOP_STAGES.map((stage) => ({
        name: te('LoopStage', stage),
        type: months.length > 1 ? 'line' : 'bar',
        stack: months.length > 1 ? undefined : 'stage',
        connectNulls: true,
        data: months.map((m) => {
          const r = all.find((x) => x.stage === stage && x.month === m);
          return r ? Number(r.medianDays.toFixed(2)) : null;
        }),
      })),
    }),
    [all, months, t, te],
  );
  return <Chart option={option} height={height} label={t('cycle.title')} testId="chart-cycle-times" />;
}
