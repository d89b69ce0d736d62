import { Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { ACTION_EVENTS } from '../../lib/live-rules.js';
import { formatDate } from '../../lib/format.js';
import type { ActionStatus } from '../../lib/types.js';
import { QueryError } from '../common/query-error.js';
import { ActionStatusTag } from '../common/action-status-tag.js';
import { ActionOperations } from '../actions/index.js';
import type { DeskActionsTabActionsQuery } from '../../gql/graphql.js';
import { DESK_ACTIONS_QUERY } from './desk-actions-tab.query.js';

type DeskAction = DeskActionsTabActionsQuery['actions']['edges'][number]['node'];

export type DeskActionsView = 'submitted' | 'extensions' | 'overdue';

const FILTERS: Record<DeskActionsView, { status?: ActionStatus[]; overdue?: boolean }> = {
  submitted: { status: ['SUBMITTED'] },
  extensions: { status: ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'] },
  overdue: { overdue: true },
};

/** One of the coordinator's action queues, with the steps inline: confirm, return, grant, refuse. */
export function DeskActionsTab({ view }: { view: DeskActionsView }) {
  const { t } = useI18n();
  const [{ data, error, fetching }, refetch] = useLiveQuery({
    query: DESK_ACTIONS_QUERY,
    variables: { filter: FILTERS[view] },
    live: { types: ACTION_EVENTS },
  });
  let rows = data?.actions.edges.map((e) => e.node) ?? [];
  // The API cannot filter by a pending extension: keep those of the owed actions.
  if (view === 'extensions') rows = rows.filter((a) => a.extension?.decision === 'PENDING');
  if (error) return <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
  const lastNote = (a: DeskAction) => a.updates[a.updates.length - 1]?.note ?? '—';
  return (
    <Table<DeskAction>
      size="small"
      rowKey="id"
      pagination={false}
      loading={fetching && !data}
      dataSource={rows}
      data-testid={`desk-${view}`}
      rowClassName={(a) => (a.overdue ? 'hub-row-overdue' : '')}
      expandable={
        view === 'submitted'
          ? {
              expandedRowRender: (a) => (
                <Typography.Paragraph className="hub-feedback-text" style={{ margin: 0 }}>
                  {t('action.evidence')}：{lastNote(a)}
                </Typography.Paragraph>
              ),
            }
          : undefined
      }
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
        { title: t('action.title'), dataIndex: 'title' },
        { title: t('action.owner'), width: 120, render: (_, a) => a.branch?.name ?? a.department?.name },
        {
          title: t('action.dueAt'),
          width: 110,
          render: (_, a) => <span className={a.overdue ? 'hub-overdue-text' : undefined}>{formatDate(a.dueAt)}</span>,
        },
        ...(view === 'extensions'
          ? [
              {
                title: t('extension.reason'),
                render: (_: unknown, a: DeskAction) => `${formatDate(a.extension!.requestedDueAt)} · ${a.extension!.reason}`,
              },
            ]
          : [
              {
                title: t('common.status'),
                width: 140,
                render: (_: unknown, a: DeskAction) => <ActionStatusTag status={a.status} overdue={a.overdue} />,
              },
            ]),
        { title: t('common.operations'), width: 250, render: (_, a) => <ActionOperations action={a} problemId={a.problem.id} /> },
      ]}
    />
  );
}
