import { useMemo, useState } from 'react';
import { Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { COMPLAINT_EVENTS } from '../../lib/live-rules.js';
import { OPEN_COMPLAINT, type ComplaintStatus } from '../../lib/types.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { ScopedListCard } from '../common/scoped-list-card.js';
import { BranchFilter } from '../common/branch-filter.js';
import { EnumSelect } from '../common/enum-select.js';
import { ListExportButtons } from '../common/list-export-buttons.js';
import { COMPLAINT_LIST_QUERY } from './complaint-row.query.js';
import { ComplaintList } from './complaint-list.js';

type Scope = 'open' | 'all';

/**
 * The complaints workspace: the cases the viewer may see (a branch manager, their subtree's), fewest
 * days left first, filtered by state and branch; live on every COMPLAINT_* event.
 */
export function ComplaintsPage() {
  const { t } = useI18n();
  const [scope, setScope] = useState<Scope>('open');
  const [statuses, setStatuses] = useState<ComplaintStatus[]>([]);
  const [branchId, setBranchId] = useState<string | undefined>();
  const variables = useMemo(
    () => ({
      filter: { status: statuses.length ? statuses : scope === 'open' ? [...OPEN_COMPLAINT] : undefined, branchId },
      first: 100,
    }),
    [scope, statuses, branchId],
  );
  const [{ data, error, fetching }, refetch] = useLiveQuery({ query: COMPLAINT_LIST_QUERY, variables, live: { types: COMPLAINT_EVENTS } });
  const rows = data?.complaintCases.edges.map((e) => e.node) ?? [];
  return (
    <>
      <PageHeader title={t('complaints.title')} sub={t('complaints.sub')} />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      <ScopedListCard<Scope>
        scope={scope}
        onScope={setScope}
        scopeLabel={t('complaints.scope')}
        scopes={[
          { value: 'open', label: t('complaints.scope.open') },
          { value: 'all', label: t('complaints.scope.all') },
        ]}
        tools={
          <>
            <EnumSelect
              enumName="ComplaintStatus"
              multiple
              allowClear
              value={statuses}
              onChange={setStatuses}
              placeholder={t('complaints.statusFilter')}
              aria-label={t('complaints.statusFilter')}
              style={{ minWidth: 220 }}
            />
            <BranchFilter value={branchId} onChange={setBranchId} />
            <Typography.Text type="secondary" data-testid="complaint-count">
              {t('complaints.count', { n: data?.complaintCases.totalCount ?? 0 })}
            </Typography.Text>
            <ListExportButtons file="complaints" filter={variables.filter} testId="complaint-export" />
          </>
        }
      >
        <ComplaintList rows={rows} loading={fetching && !data} testId="complaint-list" />
      </ScopedListCard>
    </>
  );
}
