import { Tabs } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { PROBLEM_EVENTS } from '../../lib/live-rules.js';
import type { MessageKey } from '../../lib/translate.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { Panel } from '../common/panel.js';
import { DeskActionsTab } from './desk-actions-tab.js';
import { DeskProblemsTab } from './desk-problems-tab.js';
import { DESK_COUNTS_QUERY } from './coordinator-desk-page.query.js';

/** The coordinator's work queues: confirm or return, decide extensions, reassign or cancel declined rows, consult, conclude, verify. */
export function CoordinatorDeskPage() {
  const { t } = useI18n();
  const [{ data, error }, refetch] = useLiveQuery({ query: DESK_COUNTS_QUERY, live: { types: PROBLEM_EVENTS } });
  const label = (key: MessageKey, n: number | undefined) => (
    <span>
      {t(key)} <span className={n ? 'hub-count' : 'hub-count hub-count-zero'}>{n ?? 0}</span>
    </span>
  );
  return (
    <>
      <PageHeader title={t('desk.title')} sub={t('desk.sub')} />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      <Panel>
        <Tabs
          items={[
            { key: 'submitted', label: label('desk.submitted', data?.submitted.totalCount), children: <DeskActionsTab view="submitted" /> },
            {
              key: 'extensions',
              label: label('desk.extensions', data?.extensions.totalCount),
              children: <DeskActionsTab view="extensions" />,
            },
            { key: 'declined', label: label('desk.declined', data?.declined.totalCount), children: <DeskActionsTab view="declined" /> },
            {
              key: 'diagnosed',
              label: label('desk.toConsult', data?.diagnosed.totalCount),
              children: <DeskProblemsTab status="DIAGNOSED" />,
            },
            {
              key: 'consulting',
              label: label('desk.consulting', data?.consulting.totalCount),
              children: <DeskProblemsTab status="IN_CONSULTATION" />,
            },
            {
              key: 'verifying',
              label: label('desk.verifying', data?.verifying.totalCount),
              children: <DeskProblemsTab status="VERIFYING" />,
            },
            { key: 'overdue', label: label('desk.overdue', data?.overdue.totalCount), children: <DeskActionsTab view="overdue" /> },
          ]}
        />
      </Panel>
    </>
  );
}
