import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Steps } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDateTime } from '../../lib/format.js';
import { ATTACHABLE, LOOP_STATUSES, PRE_REMEDIATION } from '../../lib/types.js';
import { ProblemStatusTag } from '../common/problem-status-tag.js';
import { SeverityTag } from '../common/severity-tag.js';
import { TextPromptModal, type TextPrompt } from '../common/text-prompt-modal.js';
import { MergeProblemModal } from './merge-problem-modal.js';
import { CorrectProblemModal } from './correct-problem-modal.js';
import type { ProblemDetail } from './problem-page.query.js';
import { DISMISS_MUTATION, RESOLVE_MUTATION, REOPEN_MUTATION } from './problem-summary.query.js';

/** The problem's head: where it stands in the loop, and the steps that manage it as a whole. */
export function ProblemSummary({ problem }: { problem: ProblemDetail }) {
  const { t, te } = useI18n();
  const viewer = useViewer();
  const [prompt, setPrompt] = useState<TextPrompt | null>(null);
  const [merging, setMerging] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const dismiss = useHubMutation(DISMISS_MUTATION);
  const resolve = useHubMutation(RESOLVE_MUTATION);
  const reopen = useHubMutation(REOPEN_MUTATION);
  const base = { problemId: problem.id, expectedVersion: problem.version };
  const opts = { problemId: problem.id };

  const grouper = viewer.role === 'ANALYST' || viewer.role === 'COORDINATOR';
  const canGroup = grouper && PRE_REMEDIATION.includes(problem.status);
  // A duplicate may be merged, and a live problem's facts corrected, at any open stage.
  const canMerge = grouper && ATTACHABLE.includes(problem.status);
  const isCoordinator = viewer.role === 'COORDINATOR';
  const canCorrect = isCoordinator && ATTACHABLE.includes(problem.status);
  const step = LOOP_STATUSES.indexOf(problem.status as (typeof LOOP_STATUSES)[number]);
  const closed = problem.status === 'MERGED' || problem.status === 'DISMISSED';

  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <div className="hub-page-header" style={{ marginBottom: 8 }}>
        <div>
          <div style={{ color: 'rgba(0,0,0,0.66)', fontSize: 13 }}>{problem.code}</div>
          <h1 data-testid="problem-title">{problem.title}</h1>
          <Space size={4} wrap style={{ marginTop: 4 }}>
            <span data-testid="problem-status" data-status={problem.status}>
              <ProblemStatusTag status={problem.status} />
            </span>
            <SeverityTag severity={problem.severity} />
            <span>{problem.category.name}</span>
          </Space>
        </div>
        <Space wrap className="hub-no-print">
          {canCorrect && <Button onClick={() => setCorrecting(true)}>{t('problem.correct')}</Button>}
          {canMerge && <Button onClick={() => setMerging(true)}>{t('problem.merge')}</Button>}
          {canGroup && (
            <Button
              danger
              onClick={() =>
                setPrompt({
                  title: t('problem.dismiss'),
                  field: 'reason',
                  label: t('problem.dismissReason'),
                  danger: true,
                  submit: (reason, form) => dismiss.run({ input: { ...base, reason } }, { ...opts, form, success: t('problem.dismissed') }),
                })
              }
            >
              {t('problem.dismiss')}
            </Button>
          )}
          {isCoordinator && problem.status === 'VERIFYING' && (
            <Button
              type="primary"
              onClick={() =>
                setPrompt({
                  title: t('problem.resolve'),
                  field: 'note',
                  label: t('problem.resolveNote'),
                  hint: t('problem.resolveHint'),
                  submit: (note, form) => resolve.run({ input: { ...base, note } }, { ...opts, form, success: t('problem.resolved') }),
                })
              }
            >
              {t('problem.resolve')}
            </Button>
          )}
          {isCoordinator && (problem.status === 'VERIFYING' || problem.status === 'RESOLVED') && (
            <Button
              onClick={() =>
                setPrompt({
                  title: t('problem.reopen'),
                  field: 'reason',
                  label: t('problem.reopenReason'),
                  hint: t('problem.reopenHint'),
                  submit: (reason, form) => reopen.run({ input: { ...base, reason } }, { ...opts, form, success: t('problem.reopened') }),
                })
              }
            >
              {t('problem.reopen')}
            </Button>
          )}
        </Space>
      </div>
      {closed ? (
        <Alert
          type="info"
          showIcon
          title={
            problem.status === 'MERGED' && problem.mergedInto ? (
              <>
                {t('problem.mergedInto')}{' '}
                <Link to={`/problems/${problem.mergedInto.id}`}>
                  {problem.mergedInto.code} {problem.mergedInto.title}
                </Link>
              </>
            ) : (
              `${t('problem.dismissedBecause')}${problem.dismissReason ?? ''}`
            )
          }
        />
      ) : (
        <Steps
          size="small"
          current={step}
          status={problem.status === 'RESOLVED' ? 'finish' : 'process'}
          items={LOOP_STATUSES.map((s) => ({ title: te('ProblemStatus', s) }))}
          style={{ margin: '8px 0' }}
        />
      )}
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('problem.createdBy')}>
          {problem.createdBy.displayName} · {formatDateTime(problem.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('problem.updatedAt')}>{formatDateTime(problem.updatedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('problem.feedbackCount')}>{problem.feedbackCount}</Descriptions.Item>
        <Descriptions.Item label={t('problem.branches')} span={3}>
          {problem.branches.length > 12
            ? t('problem.branchesMore', {
                names: problem.branches
                  .slice(0, 12)
                  .map((b) => b.name)
                  .join('、'),
                n: problem.branches.length,
              })
            : problem.branches.map((b) => b.name).join('、') || '—'}
        </Descriptions.Item>
      </Descriptions>
      {prompt && <TextPromptModal prompt={prompt} onClose={() => setPrompt(null)} />}
      {merging && <MergeProblemModal problem={problem} onClose={() => setMerging(false)} />}
      {correcting && <CorrectProblemModal problem={problem} onClose={() => setCorrecting(false)} />}
    </Card>
  );
}
