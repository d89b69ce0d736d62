import { useState } from 'react';
import { Button, Card, Descriptions, Tag, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { formatDateTime } from '../../lib/format.js';
import { EvidencePanel, mayAttachToDiagnosis } from '../evidence/index.js';
import { DiagnosisForm } from './diagnosis-form.js';
import type { ProblemDetail } from './problem-page.query.js';

/** The preliminary diagnosis (初诊): shown once given, revisable until the consultation opens; the form while the problem is OPEN. */
export function DiagnosisSection({ problem }: { problem: ProblemDetail }) {
  const { t, te } = useI18n();
  const viewer = useViewer();
  const d = problem.diagnosis;
  const [revising, setRevising] = useState(false);
  const diagnoser = viewer.role === 'ANALYST' || viewer.role === 'COORDINATOR';
  const mayDiagnose = problem.status === 'OPEN' && diagnoser;
  const mayRevise = !!d && problem.status === 'DIAGNOSED' && diagnoser;
  return (
    <Card
      size="small"
      title={<h2 className="hub-card-title">{t('diagnosis.title')}</h2>}
      extra={
        mayRevise && !revising ? (
          <Button size="small" onClick={() => setRevising(true)}>
            {t('diagnosis.revise')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
      data-testid="diagnosis-section"
    >
      {mayRevise && revising ? (
        <DiagnosisForm problem={problem} onRevised={() => setRevising(false)} />
      ) : d ? (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('diagnosis.summary')}>
              <span className="hub-feedback-text">{d.summary}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.impact')}>
              <span className="hub-feedback-text">{d.customerImpact}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.cause')}>{te('RootCause', d.suspectedCause)}</Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.departments')}>
              {d.proposedDepartments.map((p) => (
                <Tag key={p.id}>{p.name}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.by')}>
              {d.author.displayName} · {formatDateTime(d.submittedAt)}
            </Descriptions.Item>
          </Descriptions>
          <div style={{ marginTop: 12 }}>
            <EvidencePanel
              parent={{ kind: 'DIAGNOSIS', id: problem.id }}
              problemId={problem.id}
              canUpload={mayAttachToDiagnosis(viewer, problem)}
              title={t('evidence.diagnosisTitle')}
            />
          </div>
        </>
      ) : mayDiagnose ? (
        <DiagnosisForm problem={problem} />
      ) : (
        <Typography.Text type="secondary">{t('diagnosis.pending')}</Typography.Text>
      )}
    </Card>
  );
}
