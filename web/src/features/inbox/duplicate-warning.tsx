import { Alert } from 'antd';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { DUPLICATE_WARNING_QUERY } from './duplicate-warning.query.js';

/**
 * "This looks like VOC-… (会诊中)": the live problems most like the feedback about to become a new
 * problem, offered before a duplicate is opened (issue 22). Nothing when there is none.
 */
export function DuplicateWarning({ feedbackId }: { feedbackId: string | undefined }) {
  const { t, te } = useI18n();
  const [{ data }] = useQuery({ query: DUPLICATE_WARNING_QUERY, variables: { feedbackId: feedbackId ?? '' }, pause: !feedbackId });
  const list = (data?.similarOpenProblems ?? []).flatMap((s) => (s.problem ? [s.problem] : []));
  if (!list.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="duplicate-warning"
      message={t('inbox.duplicate.title')}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {list.map((p) => (
            <li key={p.id}>
              <Link to={`/problems/${p.id}`}>{p.code}</Link> {p.title}（{te('ProblemStatus', p.status)}）
            </li>
          ))}
        </ul>
      }
    />
  );
}
