import { Card, Col, Descriptions, Result, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { COMPLAINT_EVENTS } from '../../lib/live-rules.js';
import { describeError } from '../../lib/errors.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import type { ComplaintPageCaseFragment } from '../../gql/graphql.js';
import type { ComplaintRemedy } from '../../lib/types.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { Panel } from '../common/panel.js';
import { ComplaintStatusTag, DaysLeftTag } from './complaint-tags.js';
import { ComplaintOperations } from './complaint-operations.js';
import { COMPLAINT_CASE_QUERY } from './complaint-page.query.js';
import { COMPLAINT_CODES_QUERY } from './complaint-codes.query.js';

type Extension = ComplaintPageCaseFragment['extensionHistory'][number];

/** A code with its name from the JR/T 0169-2018 table (the code alone until the table arrives). */
function useCodeNames(): (code: string) => string {
  const [{ data }] = useQuery({ query: COMPLAINT_CODES_QUERY, requestPolicy: 'cache-first' });
  const names = new Map((data?.complaintCodes ?? []).map((c) => [c.code, c.name]));
  return (code) => (names.has(code) ? `${code} ${names.get(code)}` : code);
}

/**
 * The handler's case page: its state and the countdown to the regulatory limit, the extensions,
 * the decision told to the customer, 核实, the problem that traces it, and the steps the viewer may
 * take now — live on every COMPLAINT_* event.
 */
export function ComplaintPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const codeName = useCodeNames();
  const [{ data, error, fetching }, refetch] = useLiveQuery({
    query: COMPLAINT_CASE_QUERY,
    variables: { id },
    live: { types: COMPLAINT_EVENTS },
  });
  const notFound = <Result status="404" title={t('complaint.notFound')} subTitle={t('complaint.notFoundHint')} />;
  if (error && !data) {
    if (describeError(error, t).code === 'NOT_FOUND') return notFound;
    return <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  const c = data?.complaintCase;
  if (!c) return fetching ? <Skeleton active paragraph={{ rows: 10 }} /> : notFound;
  const counting = c.daysLeft !== null && c.daysLeft !== undefined;
  return (
    <div data-testid="complaint-page" data-version={c.version}>
      <PageHeader
        title={
          <Space>
            {t('complaint.case')} · {c.branch.name}
            <ComplaintStatusTag status={c.status} testId="complaint-status" />
          </Space>
        }
        sub={`${t('complaint.receivedAt')} ${formatDateTime(c.receivedAt)} · ${t('complaint.dueAt')} ${formatDate(c.dueAt)}`}
      />
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Panel title={t('common.operations')}>
            <ComplaintOperations c={c} />
          </Panel>
          <Panel title={t('complaint.case')}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label={t('complaint.request')} span={2}>
                <span data-testid="complaint-request">{c.request}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('complaint.customer')}>{c.customerRef ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('complaint.branch')}>{c.branch.name}</Descriptions.Item>
              <Descriptions.Item label={t('complaint.channelCode')}>{codeName(c.channelCode)}</Descriptions.Item>
              <Descriptions.Item label={t('complaint.businessCode')}>{codeName(c.businessCode)}</Descriptions.Item>
              <Descriptions.Item label={t('complaint.causeCode')}>{codeName(c.causeCode)}</Descriptions.Item>
              <Descriptions.Item label={t('complaint.handler')}>
                <span data-testid="complaint-handler">{c.handler?.displayName ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('complaint.subjectStaff')}>{c.subjectStaff?.displayName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('complaint.subjectDepartment')}>{c.subjectDepartment?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('complaint.problem')} span={2}>
                {c.problem ? (
                  <Link to={`/problems/${c.problem.id}`} data-testid="complaint-problem">
                    {c.problem.code} {c.problem.title}
                  </Link>
                ) : (
                  <Typography.Text type="secondary">{t('complaint.noProblem')}</Typography.Text>
                )}
              </Descriptions.Item>
              {c.closedAt && <Descriptions.Item label={t('complaint.closedAt')}>{formatDateTime(c.closedAt)}</Descriptions.Item>}
            </Descriptions>
          </Panel>
          {c.decision && (
            <Panel title={t('complaint.decision')} testId="complaint-decision">
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('complaint.findings')}>{c.decision.findings}</Descriptions.Item>
                <Descriptions.Item label={t('complaint.basis')}>{c.decision.basis}</Descriptions.Item>
                <Descriptions.Item label={t('complaint.remedies')}>
                  <RemedyTags remedies={c.decision.remedies} />
                </Descriptions.Item>
                <Descriptions.Item label={t('complaint.decidedAt')}>{formatDateTime(c.decision.decidedAt)}</Descriptions.Item>
              </Descriptions>
            </Panel>
          )}
          {c.reviewRequestedAt && (
            <Panel title={t('complaint.review')} testId="complaint-review">
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('complaint.reviewRequestedAt')}>{formatDateTime(c.reviewRequestedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('complaint.reviewDueAt')}>{formatDate(c.reviewDueAt)}</Descriptions.Item>
                <Descriptions.Item label={t('complaint.reviewOutcome')}>{c.reviewOutcome ?? '—'}</Descriptions.Item>
              </Descriptions>
            </Panel>
          )}
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('complaint.countdown')} style={{ marginBottom: 12 }}>
            <Space direction="vertical">
              <DaysLeftTag daysLeft={c.daysLeft} />
              {counting && c.daysLeft! >= 0 && (
                <Statistic.Timer type="countdown" value={new Date(c.dueAt).getTime()} format={t('complaint.countdownFormat')} />
              )}
              <Typography.Text type="secondary">
                {t('complaint.dueAt')} {formatDateTime(c.dueAt)}
              </Typography.Text>
            </Space>
          </Card>
          <Panel title={t('complaint.history')} testId="complaint-extensions">
            <ExtensionHistory rows={c.extensionHistory} />
          </Panel>
        </Col>
      </Row>
    </div>
  );
}

function RemedyTags({ remedies }: { remedies: readonly ComplaintRemedy[] }) {
  const { te } = useI18n();
  return (
    <Space size={4} wrap>
      {remedies.map((r) => (
        <Tag key={r}>{te('ComplaintRemedy', r)}</Tag>
      ))}
    </Space>
  );
}

/** Every change of the limit, each told to the customer (when, recorded); the second approved by head office. */
function ExtensionHistory({ rows }: { rows: readonly Extension[] }) {
  const { t } = useI18n();
  if (!rows.length) return <Typography.Text type="secondary">{t('complaint.ext.none')}</Typography.Text>;
  return (
    <Table<Extension>
      size="small"
      rowKey="ordinal"
      pagination={false}
      dataSource={[...rows]}
      columns={[
        { title: '#', width: 40, render: (_, e) => e.ordinal },
        {
          title: t('complaint.ext.reason'),
          render: (_, e) => (
            <>
              <div>{e.reason}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('complaint.ext.due')} {formatDate(e.previousDueAt)} → {formatDate(e.dueAt)} · {t('complaint.ext.by')}{' '}
                {e.extendedBy.displayName}
                {e.approvedBy ? ` · ${t('complaint.ext.approvedBy')} ${e.approvedBy.displayName}` : ''}
              </Typography.Text>
            </>
          ),
        },
        { title: t('complaint.ext.customerToldAt'), width: 130, render: (_, e) => formatDateTime(e.customerToldAt) },
      ]}
    />
  );
}
