import { lazy, Suspense, useCallback, useState } from 'react';
import { Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { useLiveNotifications } from '../../lib/session.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { toast } from '../../lib/notify.js';
import type { LiveNotification } from '../../lib/live.js';
import { NOTIFICATIONS_QUERY } from './notification-bell.query.js';

// The drawer's code loads on the first click.
const NotificationDrawer = lazy(async () => ({ default: (await import('./notification-drawer.js')).NotificationDrawer }));

/** The bell: the viewer's unread notifications (an invitation, a returned action, a deadline), live. */
export function NotificationBell() {
  const { t, te } = useI18n();
  const [open, setOpen] = useState(false);
  const [{ data }] = useLiveQuery({
    query: NOTIFICATIONS_QUERY,
    live: { types: [], notifications: true },
  });
  // A new notification says so at once, whatever the page.
  useLiveNotifications(useCallback((n: LiveNotification) => toast.info(`${te('NotificationKind', n.kind)}：${n.summary}`), [te]));
  const unread = data?.notifications.unreadCount ?? 0;
  return (
    <>
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label={t('notifications.open', { n: unread })}
        title={t('notifications.title')}
        data-testid="notification-bell"
        onClick={() => setOpen(true)}
      >
        {unread > 0 && (
          <span className="hub-count" data-testid="unread-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <NotificationDrawer items={data?.notifications.edges.map((e) => e.node) ?? []} unread={unread} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
