import { Button } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import type { CallbackRowCallbackFragment } from '../../gql/graphql.js';
import { CallbackDue, CallbackStatusTag, CallbackVerdictTag } from './callback-tags.js';
import { CallbackCase } from './callback-case.js';
import { ListTable } from '../common/list-table.js';

type Callback = CallbackRowCallbackFragment;

/**
 * Callbacks as a table in the server's order (oldest first): the due day, the customer (masked), the
 * problem, the linked complaint case, the calls made and the outcome. `onCall` adds the queue's "call" button.
 */
export function CallbackList({
  rows,
  loading,
  testId,
  selectedId,
  onCall,
  showProblem = true,
}: {
  rows: readonly Callback[];
  loading?: boolean;
  testId: string;
  selectedId?: string;
  onCall?: (c: Callback) => void;
  showProblem?: boolean;
}) {
  const { t } = useI18n();
  const who = (c: Callback) => c.customerRef ?? t('callback.anonymous');
  return (
    <ListTable<Callback>
      rows={rows}
      loading={loading}
      testId={testId}
      emptyText={t('callback.none')}
      overdue={(c) => c.overdue}
      columns={[
        { title: t('callback.dueAt'), width: 150, render: (_, c) => <CallbackDue dueAt={c.dueAt} overdue={c.overdue} /> },
        {
          title: t('callback.customer'),
          render: (_, c) => (
            <span data-testid="callback-customer">
              {who(c)}
              {c.customerPhone ? ` · ${c.customerPhone}` : ''}
            </span>
          ),
        },
        ...(showProblem
          ? [
              {
                title: t('callback.problem'),
                render: (_: unknown, c: Callback) =>
                  c.problem ? <Link to={`/problems/${c.problem.id}`}>{`${c.problem.code} ${c.problem.title}`}</Link> : '—',
              },
            ]
          : []),
        { title: t('callback.case'), width: 150, render: (_, c) => <CallbackCase c={c.complaintCase} /> },
        { title: t('callback.branch'), width: 110, render: (_, c) => c.branch.name },
        { title: t('callback.attempts'), width: 70, render: (_, c) => c.attempts },
        { title: t('common.status'), width: 100, render: (_, c) => <CallbackStatusTag status={c.status} /> },
        {
          title: t('callback.verdict'),
          width: 160,
          render: (_, c) => (
            <>
              <CallbackVerdictTag verdict={c.verdict} />
              {c.customerWords ? <div data-testid="callback-words">{c.customerWords}</div> : null}
            </>
          ),
        },
        ...(onCall
          ? [
              {
                title: t('callback.call'),
                width: 80,
                render: (_: unknown, c: Callback) => (
                  <Button
                    size="small"
                    type={c.id === selectedId ? 'primary' : 'default'}
                    onClick={() => onCall(c)}
                    aria-label={t('callback.callFor', { who: who(c) })}
                  >
                    {t('callback.call')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
