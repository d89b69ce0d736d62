import { Space, Typography } from 'antd';
import { MessageOutlined, WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { SeverityTag } from '../common/severity-tag.js';
import type { ProblemCardProblemFragment } from '../../gql/graphql.js';

export type BoardProblem = ProblemCardProblemFragment;

/** A problem on the board: code, title, severity, how many voices, overdue actions. */
export function ProblemCard({ problem }: { problem: BoardProblem }) {
  const { t } = useI18n();
  const overdue = problem.actions.filter((a) => a.overdue).length;
  const done = problem.actions.filter((a) => a.status === 'CONFIRMED').length;
  return (
    <Link to={`/problems/${problem.id}`} className="hub-board-card" data-testid="problem-card">
      <div className="hub-card-code">{problem.code}</div>
      <div style={{ fontWeight: 500, margin: '2px 0 6px' }}>{problem.title}</div>
      <Space size={4} wrap>
        <SeverityTag severity={problem.severity} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {problem.category.name}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <MessageOutlined aria-hidden /> {t('board.voices', { n: problem.feedbackCount })}
        </Typography.Text>
        {problem.actions.length > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('board.actions', { done, total: problem.actions.length })}
          </Typography.Text>
        )}
        {overdue > 0 && (
          <span className="hub-overdue-text" style={{ fontSize: 12 }}>
            <WarningOutlined aria-hidden /> {t('board.overdue', { n: overdue })}
          </span>
        )}
      </Space>
    </Link>
  );
}
