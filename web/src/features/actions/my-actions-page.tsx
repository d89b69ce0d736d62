import { useMemo, useState } from 'react';
import { Card, Col, Row, Segmented, Space, Statistic, Switch, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { ACTION_EVENTS } from '../../lib/live-rules.js';
import { formatDate } from '../../lib/format.js';
import type { ActionStatus } from '../../lib/types.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { ActionStatusTag } from '../common/action-status-tag.js';
import { ActionUpdates } from '../problems/index.js';
import type { MyActionsPageActionsQuery } from '../../gql/graphql.js';
import { ActionOperations, worksOn } from './action-operations.js';
import { MY_ACTIONS_QUERY } from './my-actions-page.query.js';

type Row = MyActionsPageActionsQuery['actions']['edges'][number]['node'];
type Scope = 'open' | 'submitted' | 'done';

const SCOPES: Record<Scope, ActionStatus[]> = {
  open: ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'],
  submitted: ['SUBMITTED'],
  done: ['CONFIRMED'],
};

/** The branch's (or the department's) linkage table: accept, report, submit, ask for time; overdue rows stand out. */
export function MyActionsPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [scope, setScope] = useState<Scope>('open');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const variables = useMemo(() => ({ filter: { status: SCOPES[scope], overdue: overdueOnly || undefined } }), [scope, overdueOnly]);
  const [{ data, error, fetching }, refetch] = useLiveQuery({
    query: MY_ACTIONS_QUERY,
    variables,
    live: { types: ACTION_EVENTS },
  });
  // Open-work counters for the tiles, whatever the list shows.
  const [counts] = useLiveQuery({
    query: MY_ACTIONS_QUERY,
    variables: { filter: { status: [...SCOPES.open, ...SCOPES.submitted] } },
    live: { types: ACTION_EVENTS },
  });
  const mine = (rows: Row[] | undefined) => (rows ?? []).filter((a) => viewer.role !== 'EXPERT' || worksOn(viewer, a));
  const rows = mine(data?.actions.edges.map((e) => e.node));
  const all = mine(counts.data?.actions.edges.map((e) => e.node));
  const count = (pred: (a: Row) => boolean) => all.filter(pred).length;
  const owner = viewer.role === 'EXPERT' ? viewer.department?.name : viewer.branch?.name;

  return (
    <>
      <PageHeader
        title={t(viewer.role === 'EXPERT' ? 'actions.titleDept' : 'actions.titleBranch')}
        sub={t('actions.sub', { owner: owner ?? '' })}
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('actions.toAccept')} value={count((a) => a.status === 'ASSIGNED')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('actions.inWork')} value={count((a) => ['ACCEPTED', 'IN_PROGRESS', 'RETURNED'].includes(a.status))} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('actions.awaitingConfirmation')} value={count((a) => a.status === 'SUBMITTED')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('actions.overdue')}
              value={count((a) => a.overdue)}
              styles={{ content: { color: count((a) => a.overdue) ? '#b71c1c' : undefined } }}
            />
          </Card>
        </Col>
      </Row>
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      <Card size="small">
        <Space style={{ marginBottom: 8 }} wrap>
          <Segmented<Scope>
            value={scope}
            onChange={setScope}
            options={[
              { value: 'open', label: t('actions.scope.open') },
              { value: 'submitted', label: t('actions.scope.submitted') },
              { value: 'done', label: t('actions.scope.done') },
            ]}
            aria-label={t('actions.scope')}
          />
          <Space>
            <Switch checked={overdueOnly} onChange={setOverdueOnly} aria-label={t('actions.overdueOnly')} id="overdue-only" />
            <label htmlFor="overdue-only">{t('actions.overdueOnly')}</label>
          </Space>
          <Typography.Text type="secondary">{t('actions.count', { n: rows.length })}</Typography.Text>
        </Space>
        <Table<Row>
          size="small"
          rowKey="id"
          loading={fetching && !data}
          dataSource={rows}
          pagination={false}
          data-testid="my-actions"
          rowClassName={(a) => (a.overdue ? 'hub-row-overdue' : '')}
          expandable={{ expandedRowRender: (a) => <ActionUpdates action={a} /> }}
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
            { title: t('common.status'), width: 150, render: (_, a) => <ActionStatusTag status={a.status} overdue={a.overdue} /> },
            { title: t('common.operations'), width: 260, render: (_, a) => <ActionOperations action={a} problemId={a.problem.id} /> },
          ]}
        />
      </Card>
    </>
  );
}
