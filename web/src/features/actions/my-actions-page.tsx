import { useMemo, useState } from 'react';
import { Card, Col, Row, Space, Statistic, Switch, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { ACTION_EVENTS } from '../../lib/live-rules.js';
import type { ActionStatus } from '../../lib/types.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { ScopedListCard } from '../common/scoped-list-card.js';
import { ActionStatusTag } from '../common/action-status-tag.js';
import { ActionUpdates } from '../problems/index.js';
import { worksOn } from './action-operations.js';
import { ACTION_LIST_QUERY } from './action-list.query.js';
import { ActionList, type ListedAction } from './action-list.js';
import { ListViewBar } from '../common/list-view-bar.js';

type Scope = 'open' | 'submitted' | 'done';

// A row declined as not ours waits on head office as a submitted one does; a withdrawn row is
// done with, struck through among the confirmed ones.
const SCOPES: Record<Scope, ActionStatus[]> = {
  open: ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'],
  submitted: ['SUBMITTED', 'DECLINED'],
  done: ['CONFIRMED', 'CANCELLED'],
};

/** The branch's (or the department's) linkage table: accept, report, submit, ask for time; overdue rows stand out. */
export function MyActionsPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [scope, setScope] = useState<Scope>('open');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const variables = useMemo(
    () => ({ filter: { status: SCOPES[scope], overdue: overdueOnly || undefined }, first: 100 }),
    [scope, overdueOnly],
  );
  const [{ data, error, fetching }, refetch] = useLiveQuery({
    query: ACTION_LIST_QUERY,
    variables,
    live: { types: ACTION_EVENTS },
  });
  // Open-work counters for the tiles, whatever the list shows.
  const [counts] = useLiveQuery({
    query: ACTION_LIST_QUERY,
    variables: { filter: { status: [...SCOPES.open, 'SUBMITTED'] }, first: 100 },
    live: { types: ACTION_EVENTS },
  });
  const mine = (rows: ListedAction[] | undefined) => (rows ?? []).filter((a) => viewer.role !== 'EXPERT' || worksOn(viewer, a));
  const rows = mine(data?.actions.edges.map((e) => e.node));
  const all = mine(counts.data?.actions.edges.map((e) => e.node));
  const count = (pred: (a: ListedAction) => boolean) => all.filter(pred).length;
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
      <ListViewBar
        list="ACTIONS"
        filter={variables.filter}
        onApply={(f) => {
          const status = Array.isArray(f.status) ? [...(f.status as ActionStatus[])].sort().join() : '';
          const saved = (Object.keys(SCOPES) as Scope[]).find((s) => [...SCOPES[s]].sort().join() === status);
          if (saved) setScope(saved);
          setOverdueOnly(f.overdue === true);
        }}
      />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      <ScopedListCard<Scope>
        scope={scope}
        onScope={setScope}
        scopeLabel={t('actions.scope')}
        scopes={[
          { value: 'open', label: t('actions.scope.open') },
          { value: 'submitted', label: t('actions.scope.submitted') },
          { value: 'done', label: t('actions.scope.done') },
        ]}
        tools={
          <>
            <Space>
              <Switch checked={overdueOnly} onChange={setOverdueOnly} aria-label={t('actions.overdueOnly')} id="overdue-only" />
              <label htmlFor="overdue-only">{t('actions.overdueOnly')}</label>
            </Space>
            <Typography.Text type="secondary">{t('actions.count', { n: rows.length })}</Typography.Text>
          </>
        }
      >
        <ActionList
          rows={rows}
          loading={fetching && !data}
          testId="my-actions"
          expanded={(a) => <ActionUpdates action={a} />}
          operationsWidth={260}
          columns={[{ title: t('common.status'), width: 150, render: (_, a) => <ActionStatusTag status={a.status} overdue={a.overdue} /> }]}
        />
      </ScopedListCard>
    </>
  );
}
