import { Card, List, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { ProblemStatusTag } from '../common/problem-status-tag.js';
import { SIMILAR_OPEN_PROBLEMS_QUERY } from './similar-open-problems.query.js';

/**
 * Live problems whose feedback reads like this one's: duplicates to merge (issue 22) before two
 * analysts work on one complaint. Shown only when there is one.
 */
export function SimilarOpenProblems({ problemId }: { problemId: string }) {
  const { t } = useI18n();
  const [{ data }] = useLiveQuery({
    query: SIMILAR_OPEN_PROBLEMS_QUERY,
    variables: { problemId },
    live: { types: ['PROBLEM_OPENED', 'FEEDBACK_ATTACHED', 'FEEDBACK_DETACHED', 'PROBLEM_MERGED'] },
  });
  const list = (data?.similarOpenProblems ?? []).filter((s) => s.problem);
  if (!list.length) return null;
  return (
    <Card
      size="small"
      title={<h2 className="hub-card-title">{t('similarProblems.title')}</h2>}
      style={{ marginBottom: 12 }}
      data-testid="similar-open-problems"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('similarProblems.hint')}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={list}
        renderItem={(s) => (
          <List.Item key={s.problemId}>
            <span>
              <Link to={`/problems/${s.problem!.id}`}>{s.problem!.code}</Link> {s.problem!.title}{' '}
              <ProblemStatusTag status={s.problem!.status} />
            </span>
            <Typography.Text type="secondary">{t('similarProblems.score', { n: Math.round(s.score * 100) })}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
