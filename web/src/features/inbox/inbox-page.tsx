import { useMemo, useState } from 'react';
import { Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined, LinkOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { FEEDBACK_EVENTS } from '../../lib/live-rules.js';
import { formatDateTime } from '../../lib/format.js';
import type { Severity } from '../../lib/types.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { KindTag } from '../common/kind-tag.js';
import { InboxFilters, type InboxFilter } from './inbox-filters.js';
import { ListViewBar } from '../common/list-view-bar.js';
import { OpenProblemModal, type OpenProblemDraft } from './open-problem-modal.js';
import { AttachFeedbackModal } from './attach-feedback-modal.js';
import { SimilarFeedback } from './similar-feedback.js';
import { INBOX_QUERY } from './inbox-page.query.js';
import { FeedbackDetailModal } from '../feedback/index.js';
import type { InboxPageFeedbackQuery } from '../../gql/graphql.js';

export type InboxRow = InboxPageFeedbackQuery['feedback']['edges'][number]['node'];

/** The analyst's inbox: unassigned feedback first, filters, search, select many, group into problems. */
export function InboxPage() {
  const { t, te } = useI18n();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<InboxFilter>({ unassigned: true });
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState<Map<string, InboxRow>>(new Map());
  const [draft, setDraft] = useState<OpenProblemDraft | null>(null);
  const [attaching, setAttaching] = useState<string[] | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const after = pages[pages.length - 1];
  const variables = useMemo(() => ({ filter: { ...filter, unassigned: filter.unassigned || undefined }, after }), [filter, after]);
  const [{ data, error, fetching }, refetch] = useLiveQuery({ query: INBOX_QUERY, variables, live: { types: FEEDBACK_EVENTS } });
  const rows = data?.feedback.edges.map((e) => e.node) ?? [];

  function changeFilter(f: InboxFilter) {
    setFilter(f);
    setPages([null]);
  }

  function openFromSelection() {
    const items = [...selected.values()];
    const counts = new Map<string, number>();
    for (const f of items) counts.set(f.category.id, (counts.get(f.category.id) ?? 0) + 1);
    const categoryId = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const severity: Severity = items.some((f) => f.complaint) ? 'HIGH' : 'MEDIUM';
    const title = items[0]?.text.replace(/\s+/g, ' ').slice(0, 40);
    setDraft({ feedbackIds: items.map((f) => f.id), categoryId, severity, title });
  }

  const selectedIds = [...selected.keys()];
  const selectionAttached = [...selected.values()].some((f) => f.problem);

  return (
    <>
      <PageHeader title={t('inbox.title')} sub={t('inbox.sub', { n: data?.feedback.totalCount ?? 0 })} />
      <InboxFilters value={filter} onChange={changeFilter} />
      <ListViewBar
        list="INBOX"
        filter={variables.filter}
        onApply={(f) => changeFilter({ ...(f as Omit<InboxFilter, 'unassigned'>), unassigned: f.unassigned === true })}
      />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      <Card size="small">
        <Space style={{ marginBottom: 8 }} wrap>
          <Typography.Text data-testid="selection-count">{t('inbox.selected', { n: selected.size })}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} disabled={!selected.size || selectionAttached} onClick={openFromSelection}>
            {t('inbox.openProblem')}
          </Button>
          <Button icon={<LinkOutlined />} disabled={!selected.size || selectionAttached} onClick={() => setAttaching(selectedIds)}>
            {t('inbox.attach')}
          </Button>
          {selected.size ? (
            <Button type="link" onClick={() => setSelected(new Map())}>
              {t('inbox.clearSelection')}
            </Button>
          ) : null}
          {selectionAttached && <Typography.Text type="warning">{t('inbox.alreadyAttached')}</Typography.Text>}
        </Space>
        <Table<InboxRow>
          size="small"
          rowKey="id"
          loading={fetching && !data}
          dataSource={rows}
          pagination={false}
          rowSelection={{
            selectedRowKeys: selectedIds,
            preserveSelectedRowKeys: true,
            onChange: (_keys, selectedRows, info) => {
              setSelected((prev) => {
                const next = new Map(prev);
                const onPage = new Set(rows.map((r) => r.id));
                if (info.type === 'none') return new Map();
                for (const id of onPage) if (!selectedRows.some((r) => r?.id === id)) next.delete(id);
                for (const r of selectedRows) if (r) next.set(r.id, r);
                return next;
              });
            },
            getCheckboxProps: (r) => ({ 'aria-label': t('inbox.selectRow', { text: r.text.slice(0, 20) }) }),
          }}
          expandable={{
            expandedRowRender: (r) => (
              <Descriptions size="small" column={2}>
                <Descriptions.Item label={t('feedback.text')} span={2}>
                  <span className="hub-feedback-text">{r.text}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('feedback.customerRef')}>{r.customerRef ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('feedback.recordedBy')}>{r.recordedBy?.displayName ?? '—'}</Descriptions.Item>
                <Descriptions.Item span={2}>
                  <Button size="small" onClick={() => setOpened(r.id)}>
                    {r.viewerMayCorrect ? `${t('feedback.correct')} / ${t('feedback.void')}` : t('feedback.open')}
                  </Button>
                </Descriptions.Item>
                <Descriptions.Item span={2}>
                  <SimilarFeedback feedbackId={r.id} />
                </Descriptions.Item>
              </Descriptions>
            ),
          }}
          columns={[
            { title: t('feedback.receivedAt'), width: 140, render: (_, r) => formatDateTime(r.receivedAt) },
            { title: t('feedback.kind'), width: 120, render: (_, r) => <KindTag kind={r.kind} complaint={r.complaint} /> },
            { title: t('feedback.channel'), width: 90, render: (_, r) => te('Channel', r.channel) },
            { title: t('feedback.category'), width: 90, render: (_, r) => r.category.name },
            { title: t('feedback.branch'), width: 130, render: (_, r) => r.branch.name },
            {
              title: t('feedback.text'),
              render: (_, r) => (
                <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.text }} style={{ margin: 0 }}>
                  {r.text}
                </Typography.Paragraph>
              ),
            },
            {
              title: t('feedback.problem'),
              width: 150,
              render: (_, r) =>
                r.problem ? (
                  <Link to={`/problems/${r.problem.id}`}>{r.problem.code}</Link>
                ) : (
                  <Typography.Text type="secondary">{t('inbox.unassignedOne')}</Typography.Text>
                ),
            },
          ]}
        />
        <Space style={{ marginTop: 8, width: '100%', justifyContent: 'flex-end' }}>
          <Typography.Text type="secondary">{t('common.page', { n: pages.length })}</Typography.Text>
          <Button icon={<LeftOutlined />} disabled={pages.length < 2} onClick={() => setPages(pages.slice(0, -1))}>
            {t('common.prev')}
          </Button>
          <Button disabled={!data?.feedback.pageInfo.hasNextPage} onClick={() => setPages([...pages, data!.feedback.pageInfo.endCursor])}>
            {t('common.next')} <RightOutlined />
          </Button>
        </Space>
      </Card>
      <OpenProblemModal
        draft={draft}
        onClose={() => setDraft(null)}
        onOpened={(p) => {
          setDraft(null);
          setSelected(new Map());
          navigate(`/problems/${p.id}`);
        }}
      />
      <FeedbackDetailModal feedbackId={opened} onClose={() => setOpened(null)} />
      <AttachFeedbackModal
        feedbackIds={attaching}
        onClose={() => setAttaching(null)}
        onAttached={(p) => {
          setAttaching(null);
          setSelected(new Map());
          navigate(`/problems/${p.id}`);
        }}
      />
    </>
  );
}
