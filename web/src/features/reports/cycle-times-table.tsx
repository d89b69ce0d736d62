import { Table } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { LOOP_STAGES, type CycleTime } from './performance.query.js';

/** Each stage over the whole range: how many problems went through, median and 90th-percentile days. */
export function CycleTimesTable({ rows }: { rows: readonly CycleTime[] }) {
  const { t, te } = useI18n();
  const all = rows.filter((r) => !r.category);
  const data = LOOP_STAGES.map((stage) => {
    const months = all.filter((r) => r.stage === stage);
    const problems = months.reduce((n, r) => n + r.problems, 0);
    // Weighted by problems: a fair summary of monthly medians when the raw durations are not at hand.
    const weighted = (k: 'medianDays' | 'p90Days') => (problems ? months.reduce((n, r) => n + r[k] * r.problems, 0) / problems : null);
    return { stage, problems, median: weighted('medianDays'), p90: weighted('p90Days') };
  });
  const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(1));
  return (
    <Table
      size="small"
      rowKey="stage"
      pagination={false}
      dataSource={data}
      data-testid="cycle-times-table"
      columns={[
        { title: t('cycle.stage'), render: (_, r) => te('LoopStage', r.stage) },
        { title: t('cycle.problems'), dataIndex: 'problems', width: 80 },
        { title: t('cycle.median'), width: 110, render: (_, r) => fmt(r.median) },
        { title: t('cycle.p90'), width: 110, render: (_, r) => fmt(r.p90) },
      ]}
    />
  );
}
