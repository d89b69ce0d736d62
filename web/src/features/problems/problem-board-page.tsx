import { useMemo, useState } from 'react';
import { Input, Space, Table, Typography, Segmented } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { PROBLEM_EVENTS } from '../../lib/live-rules.js';
import { formatDateTime } from '../../lib/format.js';
import { LOOP_STATUSES, type Severity } from '../../lib/types.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { CategoryPicker } from '../common/category-picker.js';
import { EnumSelect } from '../common/enum-select.js';
import { ProblemStatusTag } from '../common/problem-status-tag.js';
import { ProblemCard } from './problem-card.js';
import { BOARD_QUERY, CLOSED_QUERY } from './problem-board-page.query.js';
import { ListViewBar } from '../common/list-view-bar.js';
import type { ProblemStatus } from '../../gql/graphql.js';

const CLOSED: ProblemStatus[] = ['MERGED', 'DISMISSED'];

/** Problems by status, as a board; merged and dismissed ones in a list of their own. */
export function ProblemBoardPage() {
  const { t, te } = useI18n();
  const [view, setView] = useState<'board' | 'closed'>('board');
  const [search, setSearch] = useState<string | undefined>();
  const [searchText, setSearchText] = useState('');
  const [categoryId, setCategoryId] = useState<string | undefined>();
  const [severity, setSeverity] = useState<Severity[] | undefined>();
  const variables = useMemo(() => ({ search, categoryId, severity }), [search, categoryId, severity]);
  const [{ data, error }, refetch] = useLiveQuery({
    query: BOARD_QUERY,
    variables,
    live: { types: PROBLEM_EVENTS },
    pause: view !== 'board',
  });
  const [closed] = useLiveQuery({
    query: CLOSED_QUERY,
    variables,
    live: { types: ['PROBLEM_MERGED', 'PROBLEM_DISMISSED'] },
    pause: view !== 'closed',
  });

  return (
    <>
      <PageHeader
        title={t('board.title')}
        sub={t('board.sub')}
        extra={
          <Segmented<'board' | 'closed'>
            value={view}
            onChange={setView}
            options={[
              { value: 'board', label: t('board.view.board') },
              { value: 'closed', label: t('board.view.closed') },
            ]}
            aria-label={t('board.view')}
          />
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('board.searchHint')}
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(s) => setSearch(s.trim() || undefined)}
          style={{ width: 260 }}
          aria-label={t('common.search')}
        />
        <CategoryPicker value={categoryId} onChange={setCategoryId} allowClear aria-label={t('feedback.category')} />
        <EnumSelect
          enumName="Severity"

          multiple
          value={severity}
          onChange={(v: Severity[]) => setSeverity(v.length ? v : undefined)}
          placeholder={t('problem.severity')}
          aria-label={t('problem.severity')}
          style={{ width: 180 }}
        />
      </Space>
      <ListViewBar
        list="PROBLEMS"
        filter={{ ...variables, status: view === 'closed' ? CLOSED : [...LOOP_STATUSES] }}
        onApply={(f) => {
          const s = typeof f.search === 'string' ? f.search : undefined;
          setSearch(s);
          setSearchText(s ?? '');
          setCategoryId(typeof f.categoryId === 'string' ? f.categoryId : undefined);
          setSeverity(Array.isArray(f.severity) ? (f.severity as Severity[]) : undefined);
          setView(Array.isArray(f.status) && f.status.some((x) => CLOSED.includes(x as ProblemStatus)) ? 'closed' : 'board');
        }}
      />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      {view === 'board' ? (
        <div className="hub-board" data-testid="problem-board" tabIndex={0} aria-label={t('board.title')}>
          {LOOP_STATUSES.map((s) => {
            const col = data?.[s];
            return (
              <section key={s} className="hub-board-column" aria-label={te('ProblemStatus', s)} data-testid={`board-column-${s}`}>
                <h2>
                  <span>{te('ProblemStatus', s)}</span>
                  <span aria-label={t('board.count')}>{col?.totalCount ?? '…'}</span>
                </h2>
                {col?.edges.map((e) => (
                  <ProblemCard key={e.node.id} problem={e.node} />
                ))}
                {col && col.totalCount > col.edges.length && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, padding: 4 }}>
                    {t('board.more', { n: col.totalCount - col.edges.length })}
                  </Typography.Text>
                )}
              </section>
            );
          })}
        </div>
      ) : (
        <Table
          size="small"
          rowKey="id"
          dataSource={closed.data?.problems.edges.map((e) => e.node) ?? []}
          loading={closed.fetching && !closed.data}
          pagination={false}
          columns={[
            { title: t('problem.code'), width: 150, render: (_, p) => <Link to={`/problems/${p.id}`}>{p.code}</Link> },
            { title: t('problem.title'), dataIndex: 'title' },
            { title: t('common.status'), width: 100, render: (_, p) => <ProblemStatusTag status={p.status} /> },
            {
              title: t('board.closedWhy'),
              render: (_, p) =>
                p.mergedInto ? (
                  <>
                    {t('problem.mergedInto')} <Link to={`/problems/${p.mergedInto.id}`}>{p.mergedInto.code}</Link>
                  </>
                ) : (
                  p.dismissReason
                ),
            },
            { title: t('problem.updatedAt'), width: 150, render: (_, p) => formatDateTime(p.updatedAt) },
          ]}
        />
      )}
    </>
  );
}
