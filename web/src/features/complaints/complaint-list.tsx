import { Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { formatDate } from '../../lib/format.js';
import type { ComplaintRowCaseFragment } from '../../gql/graphql.js';
import { ComplaintStatusTag, DaysLeftTag } from './complaint-tags.js';
import { ListTable } from '../common/list-table.js';

export type ListedComplaint = ComplaintRowCaseFragment;

/** Complaint cases as a table in the server's order (fewest days left first), each linking to its page. */
export function ComplaintList({
  rows,
  loading,
  testId,
  showBranch = true,
}: {
  rows: readonly ListedComplaint[];
  loading?: boolean;
  testId: string;
  showBranch?: boolean;
}) {
  const { t } = useI18n();
  return (
    <ListTable<ListedComplaint>
      rows={rows}
      loading={loading}
      testId={testId}
      emptyText={t('complaint.none')}
      overdue={(c) => c.daysLeft !== null && c.daysLeft !== undefined && c.daysLeft < 0}
      columns={[
        {
          title: t('complaint.daysLeft'),
          width: 110,
          render: (_, c) => <DaysLeftTag daysLeft={c.daysLeft} />,
        },
        {
          title: t('complaint.request'),
          render: (_, c) => (
            <Link to={`/complaints/${c.id}`} aria-label={`${t('complaint.open')}：${c.request.slice(0, 40)}`}>
              <Typography.Text ellipsis style={{ maxWidth: 420 }}>
                {c.request}
              </Typography.Text>
            </Link>
          ),
        },
        { title: t('common.status'), width: 130, render: (_, c) => <ComplaintStatusTag status={c.status} /> },
        ...(showBranch ? [{ title: t('complaint.branch'), width: 140, render: (_: unknown, c: ListedComplaint) => c.branch.name }] : []),
        { title: t('complaint.handler'), width: 100, render: (_, c) => c.handler?.displayName ?? '—' },
        { title: t('complaint.receivedAt'), width: 110, render: (_, c) => formatDate(c.receivedAt) },
        { title: t('complaint.dueAt'), width: 110, render: (_, c) => formatDate(c.dueAt) },
        { title: t('complaint.extensions'), width: 70, render: (_, c) => c.extensions || '—' },
        {
          title: t('complaint.problem'),
          width: 120,
          render: (_, c) => (c.problem ? <Link to={`/problems/${c.problem.id}`}>{c.problem.code}</Link> : '—'),
        },
      ]}
    />
  );
}
