import type { ReactNode } from 'react';
import { Skeleton, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { formatDate } from '../../lib/format.js';
import type { ActionListActionsQuery } from '../../gql/graphql.js';
import { useNarrow } from '../../lib/use-narrow.js';
import { ActionOperations } from './action-operations.js';
import { ActionCardList, ActionTitle, actionRowClass } from './action-card-list.js';

/** A row of ACTION_LIST_QUERY (action-list.query.ts). */
export type ListedAction = ActionListActionsQuery['actions']['edges'][number]['node'];

interface Props {
  rows: readonly ListedAction[];
  loading: boolean;
  testId: string;
  /** What shows when a row is opened; none, no expanding. */
  expanded?: (a: ListedAction) => ReactNode;
  /** Columns between the due date and the operations. */
  columns: TableColumnsType<ListedAction>;
  operationsWidth: number;
  /** On a phone, what a card shows beyond the row's own facts (a pending extension's reason, say). */
  cardExtra?: (a: ListedAction) => ReactNode;
}

/**
 * Actions across problems: the problem, the action, who owes it and by when, and the steps the
 * viewer may take; overdue rows stand out, withdrawn ones are struck through. Cards on a phone.
 */
export function ActionList({ rows, loading, testId, expanded, columns, operationsWidth, cardExtra }: Props) {
  const { t } = useI18n();
  const narrow = useNarrow();
  if (narrow)
    return loading && !rows.length ? (
      <Skeleton active paragraph={{ rows: 4 }} />
    ) : (
      <ActionCardList rows={rows} testId={testId} details={expanded} extra={cardExtra} emptyText={t('linkage.none')} />
    );
  return (
    <Table<ListedAction>
      size="small"
      rowKey="id"
      pagination={false}
      loading={loading}
      dataSource={rows}
      data-testid={testId}
      rowClassName={actionRowClass}
      expandable={expanded ? { expandedRowRender: expanded } : undefined}
      columns={[
        {
          title: t('action.problem'),
          width: 240,
          render: (_, a) => (
            <Link to={`/problems/${a.problem.id}`}>
              {a.problem.code} {a.problem.title}
            </Link>
          ),
        },
        { title: t('action.title'), render: (_, a) => <ActionTitle action={a} /> },
        { title: t('action.owner'), width: 120, render: (_, a) => a.branch?.name ?? a.department?.name },
        {
          title: t('action.dueAt'),
          width: 110,
          render: (_, a) => <span className={a.overdue ? 'hub-overdue-text' : undefined}>{formatDate(a.dueAt)}</span>,
        },
        ...columns,
        {
          title: t('common.operations'),
          width: operationsWidth,
          render: (_, a) => <ActionOperations action={a} problemId={a.problem.id} />,
        },
      ]}
    />
  );
}
