import type { ReactNode } from 'react';
import { Card, Collapse, Empty, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { formatDate } from '../../lib/format.js';
import type { LinkageTableActionFragment } from '../../gql/graphql.js';
import { ActionStatusTag } from '../common/action-status-tag.js';
import { ActionOperations } from './action-operations.js';

/** A row's title: struck through once withdrawn (it stays listed), with why it was declined or withdrawn. */
export function ActionTitle({ action }: { action: Pick<LinkageTableActionFragment, 'title' | 'status' | 'statusReason'> }) {
  const { t } = useI18n();
  const settledAside = action.status === 'CANCELLED' || action.status === 'DECLINED';
  return (
    <>
      {action.status === 'CANCELLED' ? <s data-testid="cancelled-title">{action.title}</s> : action.title}
      {settledAside && action.statusReason && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} className="hub-feedback-text">
          {t('action.statusReason', { reason: action.statusReason })}
        </Typography.Text>
      )}
    </>
  );
}

/** Class of a row: overdue ones stand out, withdrawn ones fade. */
export function actionRowClass(a: Pick<LinkageTableActionFragment, 'overdue' | 'status'>): string {
  if (a.status === 'CANCELLED') return 'hub-row-cancelled';
  return a.overdue ? 'hub-row-overdue' : '';
}

type CardAction = LinkageTableActionFragment & { problem?: { id: string; code: string; title: string } };

/**
 * Linkage rows as cards, one under another: the phone's form of the action tables (a 390 px
 * screen has no room for six columns). Everything a row's table shows is here, the buttons
 * wrapping under it, full size for a thumb; the trail opens below.
 */
export function ActionCardList<A extends CardAction>({
  rows,
  testId,
  problemId,
  details,
  extra,
  emptyText,
}: {
  rows: readonly A[];
  testId: string;
  /** The problem every row belongs to (the problem's page); otherwise each row's own. */
  problemId?: string;
  details?: (a: A) => ReactNode;
  extra?: (a: A) => ReactNode;
  emptyText?: string;
}) {
  const { t } = useI18n();
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} data-testid={testId} />;
  return (
    <div className="hub-action-cards" data-testid={testId}>
      {rows.map((a) => (
        <Card key={a.id} size="small" className={`hub-action-card ${actionRowClass(a)}`} data-testid="action-card" data-status={a.status}>
          {a.problem && (
            <div className="hub-muted" style={{ fontSize: 12 }}>
              <Link to={`/problems/${a.problem.id}`}>
                {a.problem.code} {a.problem.title}
              </Link>
            </div>
          )}
          <div className="hub-action-card-title">
            <ActionTitle action={a} />
          </div>
          <div className="hub-action-card-meta">
            <span>{a.branch?.name ?? a.department?.name}</span>
            <span className={a.overdue ? 'hub-overdue-text' : undefined}>
              {t('action.dueAt')} {formatDate(a.dueAt)}
            </span>
            <ActionStatusTag status={a.status} overdue={a.overdue} />
          </div>
          {extra?.(a)}
          <div className="hub-action-card-ops">
            <ActionOperations action={a} problemId={problemId ?? a.problem?.id} />
          </div>
          {details && (
            <Collapse
              size="small"
              ghost
              items={[{ key: 'trail', label: t('action.trail'), children: details(a) }]}
              style={{ marginTop: 4 }}
            />
          )}
        </Card>
      ))}
    </div>
  );
}
