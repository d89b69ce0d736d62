import { useState } from 'react';
import { Button, Card, Empty, Segmented, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { SeverityTag } from '../common/severity-tag.js';
import { MY_CONSULTATIONS_QUERY } from './my-consultations-page.query.js';
import type { MyConsultationsPageOpenQuery } from '../../gql/graphql.js';

type Row = MyConsultationsPageOpenQuery['problems']['edges'][number]['node'];

/**
 * The expert's consultations. The API cannot filter problems by invited expert, so this reads the
 * problems in consultation and keeps those I was invited to.
 */
export function MyConsultationsPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [tab, setTab] = useState<'waiting' | 'done'>('waiting');
  const [{ data, error }, refetch] = useLiveQuery({
    query: MY_CONSULTATIONS_QUERY,
    live: {
      types: [
        'CONSULTATION_OPENED',
        'OPINION_SUBMITTED',
        'CONSULTATION_CONCLUDED',
        'PROBLEM_MERGED',
        'PROBLEM_DISMISSED',
        'EXPERTS_INVITED',
        'EXPERTS_REMOVED',
        'INVITATION_DECLINED',
      ],
    },
  });
  const mine = (data?.problems.edges ?? []).map((e) => e.node).filter((p) => p.consultation?.experts.some((e) => e.id === viewer.id));
  const answered = (p: Row) => p.consultation!.opinions.some((o) => o.expert.id === viewer.id);
  const waiting = mine.filter((p) => !answered(p));
  const done = mine.filter(answered);
  const rows = tab === 'waiting' ? waiting : done;
  return (
    <>
      <PageHeader
        title={t('consultations.title')}
        sub={t('consultations.sub', { dept: viewer.department?.name ?? '' })}
        extra={
          <Segmented<'waiting' | 'done'>
            value={tab}
            onChange={setTab}
            options={[
              { value: 'waiting', label: `${t('consultations.waiting')} (${waiting.length})` },
              { value: 'done', label: `${t('consultations.done')} (${done.length})` },
            ]}
            aria-label={t('consultations.title')}
          />
        }
      />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      <Card size="small">
        <Table<Row>
          size="small"
          rowKey="id"
          dataSource={rows}
          pagination={false}
          data-testid="consultation-list"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t(tab === 'waiting' ? 'consultations.noneWaiting' : 'consultations.noneDone')}
              />
            ),
          }}
          columns={[
            {
              title: t('problem.title'),
              render: (_, p) => (
                <>
                  <Link to={`/consultations/${p.id}`}>
                    {p.code} {p.title}
                  </Link>
                  {p.diagnosis && (
                    <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0, fontSize: 12 }}>
                      {t('diagnosis.title')}：{p.diagnosis.summary}
                    </Typography.Paragraph>
                  )}
                </>
              ),
            },
            { title: t('problem.severity'), width: 90, render: (_, p) => <SeverityTag severity={p.severity} /> },
            { title: t('feedback.category'), width: 90, render: (_, p) => p.category.name },
            { title: t('problem.feedbackCount'), width: 80, dataIndex: 'feedbackCount' },
            {
              title: t('consultation.invitedAt'),
              width: 150,
              render: (_, p) => `${formatDateTime(p.consultation!.openedAt)} · ${p.consultation!.coordinator.displayName}`,
            },
            { title: t('consultation.dueAt'), width: 110, render: (_, p) => formatDate(p.consultation!.dueAt) },
            {
              title: '',
              width: 110,
              render: (_, p) => (
                <Link to={`/consultations/${p.id}`}>
                  <Button size="small" type={tab === 'waiting' ? 'primary' : 'default'}>
                    {t(tab === 'waiting' ? 'consultations.give' : 'consultations.view')}
                  </Button>
                </Link>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
