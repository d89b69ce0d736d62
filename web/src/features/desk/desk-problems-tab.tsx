import { Button, Table } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { PROBLEM_EVENTS } from '../../lib/live-rules.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import type { ProblemStatus } from '../../lib/types.js';
import { QueryError } from '../common/query-error.js';
import { ListExportButtons } from '../common/list-export-buttons.js';
import { SeverityTag } from '../common/severity-tag.js';
import { DESK_PROBLEMS_QUERY } from './desk-problems-tab.query.js';
import type { DeskProblemsTabProblemsQuery } from '../../gql/graphql.js';

type P = DeskProblemsTabProblemsQuery['problems']['edges'][number]['node'];

const BUTTON: Partial<Record<ProblemStatus, 'consultation.open' | 'conclusion.start' | 'desk.verify'>> = {
  DIAGNOSED: 'consultation.open',
  IN_CONSULTATION: 'conclusion.start',
  VERIFYING: 'desk.verify',
};

/** Problems waiting for the coordinator in one state: to consult, to conclude, to verify. */
export function DeskProblemsTab({ status }: { status: ProblemStatus }) {
  const { t } = useI18n();
  const [{ data, error, fetching }, refetch] = useLiveQuery({
    query: DESK_PROBLEMS_QUERY,
    variables: { status: [status] },
    live: { types: PROBLEM_EVENTS },
  });
  if (error) return <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
  return (
    <>
      <div className="hub-list-tools">
        <ListExportButtons file="problems" filter={{ status: [status] }} testId={`desk-${status}-export`} />
      </div>
      <Table<P>
        size="small"
        rowKey="id"
        pagination={false}
        loading={fetching && !data}
        dataSource={data?.problems.edges.map((e) => e.node) ?? []}
        data-testid={`desk-${status}`}
        columns={[
          {
            title: t('problem.title'),
            render: (_, p) => (
              <Link to={`/problems/${p.id}`}>
                {p.code} {p.title}
              </Link>
            ),
          },
          { title: t('problem.severity'), width: 90, render: (_, p) => <SeverityTag severity={p.severity} /> },
          status === 'DIAGNOSED'
            ? { title: t('diagnosis.departments'), render: (_, p) => p.diagnosis?.proposedDepartments.map((d) => d.name).join('、') }
            : status === 'IN_CONSULTATION'
              ? {
                  title: t('desk.opinions'),
                  width: 120,
                  render: (_, p) => `${p.consultation?.opinions.length ?? 0} / ${p.consultation?.experts.length ?? 0}`,
                }
              : { title: t('problem.updatedAt'), width: 150, render: (_, p) => formatDateTime(p.updatedAt) },
          ...(status === 'IN_CONSULTATION'
            ? [{ title: t('consultation.dueAt'), width: 110, render: (_: unknown, p: P) => formatDate(p.consultation?.dueAt) }]
            : []),
          {
            title: '',
            width: 130,
            render: (_, p) => (
              <Link to={`/problems/${p.id}`}>
                <Button size="small" type={status !== 'IN_CONSULTATION' || p.consultation?.opinions.length ? 'primary' : 'default'}>
                  {t(BUTTON[status] ?? 'common.more')}
                </Button>
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}
