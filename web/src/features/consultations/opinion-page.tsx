import { Alert, Card, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { formatDateTime } from '../../lib/format.js';
import { QueryError } from '../common/query-error.js';
import { ProblemStatusTag } from '../common/problem-status-tag.js';
import { SeverityTag } from '../common/severity-tag.js';
import { DeclineInvitationButton, DiagnosisSection, OpinionForm, PROBLEM_QUERY, ProblemFeedback } from '../problems/index.js';

/** The expert's desk for one consultation: the opinion form beside the diagnosis and the feedback. */
export function OpinionPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const { id = '' } = useParams();
  const [{ data, error, fetching }, refetch] = useLiveQuery({
    query: PROBLEM_QUERY,
    variables: { id },
    live: { problemId: id },
  });
  if (error && !data) return <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
  const p = data?.problem;
  if (!p) return fetching ? <Skeleton active /> : <Result status="404" title={t('problem.notFound')} />;
  const c = p.consultation;
  const mine = c?.opinions.find((o) => o.expert.id === viewer.id);
  const invited = !!c?.experts.some((e) => e.id === viewer.id);
  const others = c?.opinions.filter((o) => o.expert.id !== viewer.id) ?? [];

  return (
    <div data-testid="opinion-page">
      <div className="hub-page-header">
        <div>
          <div style={{ color: 'rgba(0,0,0,0.66)', fontSize: 13 }}>
            <Link to={`/problems/${p.id}`}>{p.code}</Link> · {p.category.name}
          </div>
          <h1>{p.title}</h1>
          <Space size={4}>
            <ProblemStatusTag status={p.status} />
            <SeverityTag severity={p.severity} />
          </Space>
        </div>
      </div>
      <Row gutter={12}>
        <Col xs={24} xl={14}>
          <DiagnosisSection problem={p} />
          <ProblemFeedback problem={p} />
        </Col>
        <Col xs={24} xl={10}>
          <div className="hub-sticky">
            <Card size="small" title={<h2 className="hub-card-title">{t('opinion.title')}</h2>} style={{ marginBottom: 12 }}>
              {mine ? (
                <Alert
                  type="success"
                  showIcon
                  title={t('opinion.alreadyGiven', { when: formatDateTime(mine.submittedAt) })}
                  description={<span className="hub-feedback-text">{mine.body}</span>}
                />
              ) : !invited ? (
                <Typography.Text type="secondary">{t('opinion.notInvited')}</Typography.Text>
              ) : p.status !== 'IN_CONSULTATION' ? (
                <Typography.Text type="secondary">{t('opinion.closed')}</Typography.Text>
              ) : (
                <>
                  <OpinionForm problemId={p.id} />
                  <div style={{ marginTop: 12 }}>
                    <DeclineInvitationButton problemId={p.id} />
                  </div>
                </>
              )}
            </Card>
            <Card size="small" title={<h2 className="hub-card-title">{t('opinion.others', { n: others.length })}</h2>}>
              {others.length === 0 && <Typography.Text type="secondary">{t('consultation.noOpinions')}</Typography.Text>}
              {others.map((o) => (
                <div key={o.expert.id} className="hub-quote">
                  <strong>{o.expert.displayName}</strong> <Typography.Text type="secondary">{o.department.name}</Typography.Text>
                  <div className="hub-feedback-text">{o.body}</div>
                </div>
              ))}
            </Card>
          </div>
        </Col>
      </Row>
    </div>
  );
}
