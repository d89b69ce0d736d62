import { Table } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { formatPercent } from '../../lib/format.js';
import type { LeagueRow } from './performance.query.js';

/** The branch league table (分行联动排名): on-time confirmation first, then speed; overdue stands out. */
export function LeagueTable({ rows, limit }: { rows: readonly LeagueRow[]; limit?: number }) {
  const { t } = useI18n();
  const shown = limit ? rows.slice(0, limit) : rows;
  return (
    <Table<LeagueRow & { rank: number }>
      size="small"
      rowKey={(r) => r.branch.id}
      pagination={false}
      dataSource={shown.map((r, i) => ({ ...r, rank: i + 1 }))}
      data-testid="league-table"
      locale={{ emptyText: t('league.empty') }}
      columns={[
        { title: t('league.rank'), dataIndex: 'rank', width: 56 },
        { title: t('feedback.branch'), render: (_, r) => r.branch.name },
        { title: t('league.assigned'), dataIndex: 'assigned', width: 80 },
        { title: t('league.confirmed'), dataIndex: 'confirmed', width: 80 },
        { title: t('league.onTimeRate'), width: 96, render: (_, r) => formatPercent(r.onTimeRate) },
        {
          title: t('league.medianDays'),
          width: 110,
          render: (_, r) => (r.medianDaysToConfirm === null ? '—' : r.medianDaysToConfirm.toFixed(1)),
        },
        { title: t('league.returned'), dataIndex: 'returned', width: 70 },
        { title: t('league.extensions'), dataIndex: 'extensionsRequested', width: 70 },
        { title: t('league.recurrences'), dataIndex: 'recurrences', width: 70 },
        {
          title: t('league.overdueNow'),
          width: 80,
          render: (_, r) => <span className={r.overdueNow ? 'hub-overdue-text' : undefined}>{r.overdueNow}</span>,
        },
        { title: t('league.complaintsReceived'), dataIndex: 'complaintsReceived', width: 70 },
        { title: t('league.praise'), dataIndex: 'praise', width: 70 },
        {
          title: t('league.complaintsOverdueNow'),
          width: 80,
          render: (_, r) => <span className={r.complaintsOverdueNow ? 'hub-overdue-text' : undefined}>{r.complaintsOverdueNow}</span>,
        },
        {
          title: t('league.complaintsByCode'),
          width: 170,
          render: (_, r) =>
            r.complaintsByCode.length ? (
              <ul className="hub-code-counts" data-testid="league-complaint-codes">
                {r.complaintsByCode.map((c) => {
                  const names = `${c.channelName} · ${c.businessName} · ${c.causeName}`;
                  return (
                    <li key={`${c.channelCode}-${c.businessCode}-${c.causeCode}`} title={names}>
                      <span className="hub-code" aria-label={names}>
                        {c.channelCode}×{c.businessCode}×{c.causeCode}
                      </span>{' '}
                      {c.count}
                    </li>
                  );
                })}
              </ul>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}
