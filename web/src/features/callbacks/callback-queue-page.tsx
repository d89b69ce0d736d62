import { useMemo, useState } from 'react';
import { Col, Row, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { CALLBACK_EVENTS } from '../../lib/live-rules.js';
import type { CallbackRowCallbackFragment } from '../../gql/graphql.js';
import type { CallbackStatus } from '../../lib/types.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { ScopedListCard } from '../common/scoped-list-card.js';
import { Panel } from '../common/panel.js';
import { CALLBACK_QUEUE_QUERY } from './callback-row.query.js';
import { CallbackList } from './callback-list.js';
import { CallPanel } from './call-panel.js';

type Scope = 'open' | 'all';
const OPEN: CallbackStatus[] = ['OPEN'];

/**
 * The agent's callback queue (回访): open callbacks oldest first (the server's order; a branch
 * manager's, their subtree's), live on every CALLBACK_* event, with the call panel beside it.
 * Coordinators and admins see the same page, without the call controls.
 */
export function CallbackQueuePage() {
  const { t } = useI18n();
  const [scope, setScope] = useState<Scope>('open');
  // The callback being called, as last seen: it stays in the panel once it leaves the open queue.
  const [selected, setSelected] = useState<CallbackRowCallbackFragment | null>(null);
  const variables = useMemo(() => ({ filter: { status: scope === 'open' ? OPEN : undefined }, first: 100 }), [scope]);
  const [{ data, error, fetching }, refetch] = useLiveQuery({ query: CALLBACK_QUEUE_QUERY, variables, live: { types: CALLBACK_EVENTS } });
  const rows = data?.callbacks.edges.map((e) => e.node) ?? [];
  const current = (selected && rows.find((r) => r.id === selected.id)) ?? selected;
  return (
    <>
      <PageHeader title={t('callbacks.title')} sub={t('callbacks.sub')} />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      <Row gutter={12}>
        <Col xs={24} xl={15}>
          <ScopedListCard<Scope>
            scope={scope}
            onScope={setScope}
            scopeLabel={t('callbacks.scope')}
            scopes={[
              { value: 'open', label: t('callbacks.scope.open') },
              { value: 'all', label: t('callbacks.scope.all') },
            ]}
            tools={
              <>
                <Typography.Text type="secondary" data-testid="callback-count">
                  {t('callbacks.count', { n: data?.callbacks.totalCount ?? 0 })}
                </Typography.Text>
              </>
            }
          >
            <CallbackList rows={rows} loading={fetching && !data} testId="callback-queue" selectedId={current?.id} onCall={setSelected} />
          </ScopedListCard>
        </Col>
        <Col xs={24} xl={9}>
          {current ? (
            <CallPanel key={current.id} callback={current} onRecorded={setSelected} />
          ) : (
            <Panel title={t('callback.panel')} testId="call-panel">
              <Typography.Text type="secondary">{t('callback.panelHint')}</Typography.Text>
            </Panel>
          )}
        </Col>
      </Row>
    </>
  );
}
