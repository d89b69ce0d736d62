import { useState } from 'react';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { EvidencePanel, mayAttachToOpinion } from '../evidence/index.js';
import { OpenConsultationForm } from './open-consultation-form.js';
import { ConcludeConsultationForm } from './conclude-consultation-form.js';
import { OpinionForm } from './opinion-form.js';
import { ChangeExpertsModal } from './change-experts-modal.js';
import { DeclineInvitationButton } from './decline-invitation-button.js';
import type { ProblemDetail } from './problem-page.query.js';

/** The consultation (会诊): who was invited, their opinions as they arrive, and the conclusion. */
export function ConsultationSection({ problem }: { problem: ProblemDetail }) {
  const { t, te } = useI18n();
  const viewer = useViewer();
  const [concluding, setConcluding] = useState(false);
  const [changing, setChanging] = useState<'invite' | 'remove' | null>(null);
  const c = problem.consultation;
  const isCoordinator = viewer.role === 'COORDINATOR';
  const title = <h2 className="hub-card-title">{t('consultation.title')}</h2>;

  if (!c) {
    return (
      <Card size="small" title={title} style={{ marginBottom: 12 }} data-testid="consultation-section">
        {problem.status === 'DIAGNOSED' && isCoordinator ? (
          <OpenConsultationForm problem={problem} />
        ) : (
          <Typography.Text type="secondary">
            {t(problem.status === 'OPEN' ? 'consultation.afterDiagnosis' : 'consultation.none')}
          </Typography.Text>
        )}
      </Card>
    );
  }

  const opinionOf = (expertId: string) => c.opinions.find((o) => o.expert.id === expertId);
  const invited = viewer.role === 'EXPERT' && c.experts.some((e) => e.id === viewer.id);
  const mayGiveOpinion = invited && problem.status === 'IN_CONSULTATION' && !opinionOf(viewer.id);
  const mayConclude = isCoordinator && problem.status === 'IN_CONSULTATION';
  const mayChangeExperts = mayConclude;

  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 12 }}
      data-testid="consultation-section"
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.coordinator.displayName} · {formatDateTime(c.openedAt)}
          {c.dueAt ? ` · ${t('consultation.dueAt')} ${formatDate(c.dueAt)}` : ''}
        </Typography.Text>
      }
    >
      <div style={{ marginBottom: 8 }} data-testid="experts">
        <Typography.Text strong>{t('consultation.experts')}：</Typography.Text>
        {c.experts.map((e) => (
          <Tag
            key={e.id}
            icon={opinionOf(e.id) ? <CheckCircleOutlined /> : <ClockCircleOutlined />}
            style={opinionOf(e.id) ? { color: '#1b5e20', background: '#e8f5e9', borderColor: '#9ccc9f' } : undefined}
          >
            {e.displayName}（{e.department?.name ?? '—'}）{opinionOf(e.id) ? t('consultation.replied') : t('consultation.waiting')}
          </Tag>
        ))}
        {mayChangeExperts && (
          <Space size={4} wrap style={{ marginTop: 4 }}>
            <Button size="small" onClick={() => setChanging('invite')}>
              {t('consultation.inviteMore')}
            </Button>
            <Button size="small" disabled={c.experts.length < 2} onClick={() => setChanging('remove')}>
              {t('consultation.removeExperts')}
            </Button>
          </Space>
        )}
      </div>
      <div data-testid="opinions">
        {c.opinions.length === 0 && <Typography.Text type="secondary">{t('consultation.noOpinions')}</Typography.Text>}
        {c.opinions.map((o) => (
          <div key={o.expert.id} className="hub-quote" data-testid="opinion">
            <Space size={6} wrap>
              <strong>{o.expert.displayName}</strong>
              <Typography.Text type="secondary">{o.department.name}</Typography.Text>
              <Tag color={o.agreesWithDiagnosis ? '#1b5e20' : '#8a4b00'}>
                {t(o.agreesWithDiagnosis ? 'opinion.agree' : 'opinion.disagree')}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(o.submittedAt)}
              </Typography.Text>
            </Space>
            <div className="hub-feedback-text">{o.body}</div>
            <div style={{ marginTop: 8 }}>
              <EvidencePanel
                parent={{ kind: 'OPINION', id: problem.id, expertId: o.expert.id }}
                problemId={problem.id}
                canUpload={mayAttachToOpinion(viewer, problem, o.expert.id)}
                title={t('evidence.opinionTitle')}
              />
            </div>
          </div>
        ))}
      </div>
      {mayGiveOpinion && (
        <Card
          size="small"
          type="inner"
          title={t('opinion.title')}
          extra={<DeclineInvitationButton problemId={problem.id} />}
          style={{ marginTop: 12 }}
        >
          <OpinionForm problemId={problem.id} />
        </Card>
      )}
      {c.conclusion && (
        <Descriptions size="small" column={1} bordered title={t('conclusion.title')} style={{ marginTop: 12 }} data-testid="conclusion">
          <Descriptions.Item label={t('conclusion.rootCause')}>{te('RootCause', c.conclusion.rootCause)}</Descriptions.Item>
          <Descriptions.Item label={t('conclusion.rootCauseDetail')}>
            <span className="hub-feedback-text">{c.conclusion.rootCauseDetail}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('conclusion.plan')}>
            <span className="hub-feedback-text">{c.conclusion.remediationPlan}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('conclusion.outcome')}>{te('Outcome', c.conclusion.outcome)}</Descriptions.Item>
          <Descriptions.Item label={t('conclusion.by')}>
            {c.conclusion.issuedBy.displayName} · {formatDateTime(c.conclusion.issuedAt)}
          </Descriptions.Item>
        </Descriptions>
      )}
      {mayConclude &&
        (concluding ? (
          <Card size="small" type="inner" title={t('conclusion.formTitle')} style={{ marginTop: 12 }}>
            <ConcludeConsultationForm problem={problem} onCancel={() => setConcluding(false)} />
          </Card>
        ) : (
          <div style={{ marginTop: 12 }}>
            <Button type="primary" disabled={!c.opinions.length} onClick={() => setConcluding(true)}>
              {t('conclusion.start')}
            </Button>
            {!c.opinions.length && (
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {t('conclusion.needOpinion')}
              </Typography.Text>
            )}
          </div>
        ))}
      {changing && <ChangeExpertsModal problem={problem} mode={changing} onClose={() => setChanging(null)} />}
    </Card>
  );
}
