import { Col, Result, Row, Skeleton } from 'antd';
import { useParams } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { describeError } from '../../lib/errors.js';
import { QueryError } from '../common/query-error.js';
import { PROBLEM_QUERY } from './problem-page.query.js';
import { ProblemSummary } from './problem-summary.js';
import { DiagnosisSection } from './diagnosis-section.js';
import { ConsultationSection } from './consultation-section.js';
import { LinkageTable } from './linkage-table.js';
import { ProblemFeedback } from './problem-feedback.js';
import { ProblemTimeline } from './problem-timeline.js';
import { ProblemRecurrence } from './problem-recurrence.js';
import { ProblemComplaints } from '../complaints/index.js';
import { ProblemCallbacks } from '../callbacks/index.js';
import { DiscussionPanel } from '../discussion/index.js';
import { EvidencePanel, mayAttachToProblem } from '../evidence/index.js';
import { Panel } from '../common/panel.js';
import { useViewer } from '../../lib/session.js';

/** One problem, whole: feedback, diagnosis, consultation, linkage table, and its history — live. */
export function ProblemPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const viewer = useViewer();
  const [{ data, error, fetching }, refetch] = useLiveQuery({
    query: PROBLEM_QUERY,
    variables: { id },
    live: { problemId: id },
  });
  if (error && !data) {
    const e = describeError(error, t);
    if (e.code === 'NOT_FOUND') return <Result status="404" title={t('problem.notFound')} subTitle={t('problem.notFoundHint')} />;
    return <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  const problem = data?.problem;
  if (!problem)
    return fetching ? (
      <Skeleton active paragraph={{ rows: 10 }} />
    ) : (
      <Result status="404" title={t('problem.notFound')} subTitle={t('problem.notFoundHint')} />
    );
  return (
    <div data-testid="problem-page" data-version={problem.version}>
      <ProblemSummary problem={problem} />
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <DiagnosisSection problem={problem} />
          <ConsultationSection problem={problem} />
          {(problem.actions.length > 0 || problem.status === 'REMEDIATING') && <LinkageTable problem={problem} />}
          {['REMEDIATING', 'VERIFYING', 'RESOLVED'].includes(problem.status) && <ProblemRecurrence problemId={problem.id} />}
          <ProblemComplaints problemId={problem.id} />
          {problem.status === 'RESOLVED' && <ProblemCallbacks problemId={problem.id} />}
          <ProblemFeedback problem={problem} />
        </Col>
        <Col xs={24} xl={8}>
          <DiscussionPanel problemId={problem.id} />
          <Panel style={{ marginBottom: 12 }} testId="problem-evidence">
            <EvidencePanel
              parent={{ kind: 'PROBLEM', id: problem.id }}
              problemId={problem.id}
              canUpload={mayAttachToProblem(viewer) && !['MERGED', 'DISMISSED'].includes(problem.status)}
              title={t('evidence.problemTitle')}
            />
          </Panel>
          <ProblemTimeline problem={problem} />
        </Col>
      </Row>
    </div>
  );
}
