import { useMemo, useState } from 'react';
import { Card, Col, Row, Space, Statistic } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { COMPLAINT_EVENTS } from '../../lib/live-rules.js';
import { OPEN_COMPLAINT } from '../../lib/types.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { BranchFilter } from '../common/branch-filter.js';
import { ListExportButtons } from '../common/list-export-buttons.js';
import { COMPLAINT_LIST_QUERY } from './complaint-row.query.js';
import { ComplaintList, type ListedComplaint } from './complaint-list.js';

/**
 * Head office's supervision (督办): every open case across branches, overdue first — the server
 * orders by due date, so the most overdue lead — with the counts that call for action.
 */
export function ComplaintSupervisionPage() {
  const { t } = useI18n();
  const [branchId, setBranchId] = useState<string | undefined>();
  const variables = useMemo(() => ({ filter: { status: [...OPEN_COMPLAINT], branchId }, first: 100 }), [branchId]);
  const [{ data, error, fetching }, refetch] = useLiveQuery({ query: COMPLAINT_LIST_QUERY, variables, live: { types: COMPLAINT_EVENTS } });
  // Overdue first, most overdue on top; then the rest in the server's order (due date).
  const rows = [...(data?.complaintCases.edges.map((e) => e.node) ?? [])].sort(
    (a, b) => Math.min(a.daysLeft ?? 0, 0) - Math.min(b.daysLeft ?? 0, 0),
  );
  const count = (pred: (c: ListedComplaint) => boolean) => rows.filter(pred).length;
  const overdue = count((c) => c.daysLeft !== null && c.daysLeft !== undefined && c.daysLeft < 0);
  const tiles = [
    { key: 'open', title: t('complaints.stat.open'), value: data?.complaintCases.totalCount ?? 0 },
    { key: 'overdue', title: t('complaints.stat.overdue'), value: overdue, alarm: overdue > 0 },
    {
      key: 'due-soon',
      title: t('complaints.stat.dueSoon'),
      value: count((c) => c.daysLeft !== null && c.daysLeft !== undefined && c.daysLeft >= 0 && c.daysLeft <= 3),
    },
    { key: 'extended', title: t('complaints.stat.extended'), value: count((c) => c.extensions > 0) },
  ];
  return (
    <>
      <PageHeader
        title={t('complaints.supervision.title')}
        sub={t('complaints.supervision.sub')}
        extra={
          <Space wrap>
            <BranchFilter value={branchId} onChange={setBranchId} />
            <ListExportButtons file="complaints" filter={variables.filter} testId="supervision-export" />
          </Space>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {tiles.map((tile) => (
          <Col xs={12} md={6} key={tile.key}>
            <Card size="small">
              <Statistic
                title={tile.title}
                value={tile.value}
                styles={{ content: { color: tile.alarm ? '#b71c1c' : undefined } }}
                data-testid={`complaint-stat-${tile.key}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      <Card size="small">
        <ComplaintList rows={rows} loading={fetching && !data} testId="supervision-list" />
      </Card>
    </>
  );
}
