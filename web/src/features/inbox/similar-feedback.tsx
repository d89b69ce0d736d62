import { Typography } from 'antd';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { FeedbackSnippet } from '../common/feedback-snippet.js';
import { SIMILAR_FEEDBACK_QUERY } from './similar-feedback.query.js';

/** The voices most like this one: where they went tells where this one belongs. */
export function SimilarFeedback({ feedbackId }: { feedbackId: string }) {
  const { t } = useI18n();
  const [{ data, fetching }] = useQuery({ query: SIMILAR_FEEDBACK_QUERY, variables: { feedbackId } });
  const items = data?.similarFeedback ?? [];
  return (
    <div data-testid="similar-feedback">
      <Typography.Text strong>{t('similar.title')}</Typography.Text>
      {fetching && !data ? (
        <div className="hub-muted">{t('common.loading')}</div>
      ) : items.length ? (
        <ul className="hub-activity">
          {items.map((f) => (
            <FeedbackSnippet key={f.id} feedback={f}>
              {' · '}
              {f.problem ? (
                <>
                  {t('feedback.inProblem')}{' '}
                  <Link to={`/problems/${f.problem.id}`}>
                    {f.problem.code} {f.problem.title}
                  </Link>
                </>
              ) : (
                t('inbox.unassignedOne')
              )}
            </FeedbackSnippet>
          ))}
        </ul>
      ) : (
        <div className="hub-muted">{t('similar.none')}</div>
      )}
    </div>
  );
}
