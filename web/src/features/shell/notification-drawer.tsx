import { Button, Drawer, Empty } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useNarrow } from '../../lib/use-narrow.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDateTime } from '../../lib/format.js';
import type { NotificationDrawerItemFragment } from '../../gql/graphql.js';
import { MARK_ALL_READ_MUTATION, MARK_READ_MUTATION } from './notification-drawer.query.js';

/** The viewer's inbox, newest first: open one to go to its problem; mark all read. */
export function NotificationDrawer({
  items,
  unread,
  onClose,
}: {
  items: readonly NotificationDrawerItemFragment[];
  unread: number;
  onClose: () => void;
}) {
  const { t, te } = useI18n();
  const navigate = useNavigate();
  const markRead = useHubMutation(MARK_READ_MUTATION);
  const markAll = useHubMutation(MARK_ALL_READ_MUTATION);
  const narrow = useNarrow();
  return (
    <Drawer
      title={t('notifications.title')}
      open
      onClose={onClose}
      size={narrow ? '100%' : 440}
      extra={
        <Button size="small" disabled={!unread} onClick={() => void markAll.run({ input: { upToId: items[0]?.id } })}>
          {t('notifications.markAll')}
        </Button>
      }
    >
      {items.length ? (
        <ul className="hub-activity" data-testid="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.read ? 'hub-read' : 'hub-unread'}>
              <div className="hub-muted">
                {formatDateTime(n.at)} · {te('NotificationKind', n.kind)}
                {n.read ? '' : ` · ${t('notifications.unread')}`}
              </div>
              <button
                type="button"
                className="hub-link-button"
                onClick={() => {
                  if (!n.read) void markRead.run({ input: { notificationId: n.id } });
                  if (n.problem) {
                    navigate(`/problems/${n.problem.id}`);
                    onClose();
                  }
                }}
              >
                {n.summary}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Empty description={t('notifications.empty')} />
      )}
    </Drawer>
  );
}
