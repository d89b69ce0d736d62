import { useMemo, useState } from 'react';
import { Button, Empty, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { useViewer } from '../../lib/session.js';
import { formatDateTime, startOfToday } from '../../lib/format.js';
import { KindTag } from '../common/kind-tag.js';
import { QueryError } from '../common/query-error.js';
import { TODAY_FEEDBACK_QUERY } from './today-feedback-list.query.js';
import { FeedbackDetailModal } from './feedback-detail-modal.js';

/**
 * What I recorded today. The API cannot filter by who recorded, so this reads today's latest
 * 100 items and keeps mine.
 */
export function TodayFeedbackList() {
  const { t, te } = useI18n();
  const viewer = useViewer();
  const [opened, setOpened] = useState<string | null>(null);
  const variables = useMemo(() => ({ from: startOfToday() }), []);
  const [{ data, error }] = useLiveQuery({
    query: TODAY_FEEDBACK_QUERY,
    variables,
    live: {
      types: ['FEEDBACK_RECORDED', 'FEEDBACK_ATTACHED', 'PROBLEM_OPENED', 'PROBLEM_MERGED', 'FEEDBACK_CORRECTED', 'FEEDBACK_VOIDED'],
    },
  });
  const mine = (data?.feedback.edges ?? []).map((e) => e.node).filter((f) => f.recordedBy?.id === viewer.id);
  if (error) return <QueryError error={error} />;
  return (
    <div data-testid="today-list">
      <Typography.Title level={2} style={{ fontSize: 15 }}>
        {t('record.today', { n: mine.length })}
      </Typography.Title>
      {mine.length ? (
        <ul className="hub-activity">
          {mine.map((f) => (
            <li key={f.id}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <span>
                  {f.voidedAt ? <Typography.Text type="danger">{t('feedback.voided')} </Typography.Text> : null}
                  <KindTag kind={f.kind} complaint={f.complaint} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {te('Channel', f.channel)} · {f.category.name} · {f.branch.name}
                  </Typography.Text>
                </span>
                <span style={{ whiteSpace: 'nowrap' }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(f.receivedAt).slice(11)}
                  </Typography.Text>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setOpened(f.id)}
                    aria-label={`${f.viewerMayCorrect ? t('feedback.correct') : t('feedback.open')} ${f.text.slice(0, 20)}`}
                  >
                    {f.viewerMayCorrect ? t('feedback.correct') : t('feedback.open')}
                  </Button>
                </span>
              </div>
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }} className={f.voidedAt ? 'hub-struck' : undefined}>
                {f.text}
              </Typography.Paragraph>
              {f.problem ? (
                <Typography.Text style={{ fontSize: 12 }}>
                  {t('feedback.inProblem')} <Link to={`/problems/${f.problem.id}`}>{f.problem.code}</Link>
                </Typography.Text>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('record.todayEmpty')} />
      )}
      <FeedbackDetailModal feedbackId={opened} onClose={() => setOpened(null)} />
    </div>
  );
}
