import type { ReactNode } from 'react';
import { Card, Col, List, Row, Statistic, Tag } from 'antd';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { DIGEST_QUERY } from './digest-page.query.js';

interface Row_ {
  key: string;
  to: string;
  title: ReactNode;
  extra?: ReactNode;
}

/** The daily digest (每日摘要) on a page: what is due, overdue and waiting on the reader, each linked to its problem. */
export function DigestPage() {
  const { t } = useI18n();
  const [{ data, error }, refetch] = useQuery({ query: DIGEST_QUERY, requestPolicy: 'cache-and-network' });
  const d = data?.myDigest;
  const section = (title: string, rows: Row_[], danger = false) => (
    <Card size="small" title={title} style={{ marginBottom: 12 }}>
      <List
        size="small"
        dataSource={rows}
        // antd's empty text is too faint for WCAG AA contrast: the page's own, darker.
        locale={{ emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('digest.none')}</span> }}
        renderItem={(r) => (
          <List.Item key={r.key} extra={r.extra}>
            <Link to={r.to} style={danger ? { color: '#cf1322' } : undefined}>
              {r.title}
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
  const actionRow = (a: { id: string; title: string; dueAt: string; problem: { id: string; code: string } }) => ({
    key: a.id,
    to: `/problems/${a.problem.id}`,
    title: `${a.problem.code} · ${a.title}`,
    extra: <span className="hub-muted">{formatDate(a.dueAt)}</span>,
  });
  const problemRow = (p: { id: string; code: string; title: string }) => ({
    key: p.id,
    to: `/problems/${p.id}`,
    title: `${p.code} · ${p.title}`,
  });
  return (
    <>
      <PageHeader title={t('digest.title')} sub={d ? t('digest.sub', { day: d.day, dueBy: formatDateTime(d.dueBy) }) : undefined} />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      {d && (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('digest.due')} value={d.counts.dueActions + d.counts.dueProblems} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('digest.overdue')}
                  value={d.counts.overdueActions + d.counts.overdueProblems}
                  valueStyle={{ color: '#cf1322' }}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('digest.waiting')} value={d.counts.waiting} />
              </Card>
            </Col>
          </Row>
          {section(t('digest.overdueActions'), d.overdueActions.map(actionRow), true)}
          {section(t('digest.overdueProblems'), d.overdueProblems.map(problemRow), true)}
          {section(t('digest.dueActions'), d.dueActions.map(actionRow))}
          {section(t('digest.dueProblems'), d.dueProblems.map(problemRow))}
          {section(
            t('digest.waitingItems'),
            d.waiting.flatMap((w, i) => {
              const problem = w.problem ?? w.action?.problem;
              if (!problem) return [];
              const title = w.action ? `${problem.code} · ${w.action.title}` : `${problem.code} · ${w.problem?.title ?? ''}`;
              return [{ key: `${i}`, to: `/problems/${problem.id}`, title, extra: <Tag>{w.reason}</Tag> }];
            }),
          )}
        </>
      )}
    </>
  );
}
