import { Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { ACTION_EVENTS } from '../../lib/live-rules.js';
import { formatDate } from '../../lib/format.js';
import type { ActionStatus } from '../../lib/types.js';
import { QueryError } from '../common/query-error.js';
import { ListExportButtons } from '../common/list-export-buttons.js';
import { ActionStatusTag } from '../common/action-status-tag.js';
import { ACTION_LIST_QUERY, ActionList, type ListedAction } from '../actions/index.js';

export type DeskActionsView = 'submitted' | 'extensions' | 'declined' | 'overdue';

const FILTERS: Record<DeskActionsView, { status?: ActionStatus[]; overdue?: boolean; extensionPending?: boolean }> = {
  submitted: { status: ['SUBMITTED'] },
  extensions: { extensionPending: true },
  // Rows their owners sent back as not theirs: to reassign or cancel.
  declined: { status: ['DECLINED'] },
  overdue: { overdue: true },
};

/** One of the coordinator's action queues, with the steps inline: confirm, return, grant, refuse, reassign, cancel. */
export function DeskActionsTab({ view }: { view: DeskActionsView }) {
  const { t } = useI18n();
  const [{ data, error, fetching }, refetch] = useLiveQuery({
    query: ACTION_LIST_QUERY,
    variables: { filter: FILTERS[view], first: 60 },
    live: { types: ACTION_EVENTS },
  });
  const rows = data?.actions.edges.map((e) => e.node) ?? [];
  if (error) return <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
  const lastNote = (a: ListedAction) => a.updates[a.updates.length - 1]?.note ?? '—';
  return (
    <>
      <div className="hub-list-tools">
        <ListExportButtons file="actions" filter={FILTERS[view]} testId={`desk-${view}-export`} />
      </div>
      <ActionList
        rows={rows}
        loading={fetching && !data}
        testId={`desk-${view}`}
        expanded={
          view === 'submitted'
            ? (a) => (
                <Typography.Paragraph className="hub-feedback-text" style={{ margin: 0 }}>
                  {t('action.evidence')}：{lastNote(a)}
                </Typography.Paragraph>
              )
            : undefined
        }
        operationsWidth={280}
        cardExtra={
          view === 'extensions'
            ? (a) => (
                <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 4 }}>
                  {t('extension.reason')}：{formatDate(a.extension!.requestedDueAt)} · {a.extension!.reason}
                </Typography.Paragraph>
              )
            : undefined
        }
        columns={[
          view === 'extensions'
            ? {
                title: t('extension.reason'),
                render: (_, a) => `${formatDate(a.extension!.requestedDueAt)} · ${a.extension!.reason}`,
              }
            : {
                title: t('common.status'),
                width: 140,
                render: (_, a) => <ActionStatusTag status={a.status} overdue={a.overdue} />,
              },
        ]}
      />
    </>
  );
}
