import { Timeline, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { formatDateTime } from '../../lib/format.js';
import type { LinkageTableActionFragment } from '../../gql/graphql.js';

/** One action's trail: description, the extension asked, each step with its note. */
export function ActionUpdates({ action }: { action: Pick<LinkageTableActionFragment, 'description' | 'extension' | 'updates'> }) {
  const { t, te } = useI18n();
  return (
    <div style={{ padding: '4px 8px' }}>
      <Typography.Paragraph className="hub-feedback-text" style={{ marginBottom: 8 }}>
        {action.description}
      </Typography.Paragraph>
      {action.extension && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('extension.summary', {
            date: formatDateTime(action.extension.requestedDueAt).slice(0, 10),
            reason: action.extension.reason,
            decision: te('ExtensionDecision', action.extension.decision),
          })}
        </Typography.Paragraph>
      )}
      {action.updates.length ? (
        <Timeline
          items={action.updates.map((u, i) => ({
            key: i,
            title: `${formatDateTime(u.at)} · ${u.author.displayName} · ${te('ActionStatus', u.status)}`,
            content: <span className="hub-feedback-text">{u.note}</span>,
          }))}
        />
      ) : (
        <Typography.Text type="secondary">{t('action.noUpdates')}</Typography.Text>
      )}
    </div>
  );
}
