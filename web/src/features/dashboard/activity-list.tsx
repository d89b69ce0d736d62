import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { formatDateTime } from '../../lib/format.js';
import type { LiveEvent } from '../../lib/live-rules.js';
import type { ActionStatus } from '../../lib/types.js';

/** Events, newest first: who did what to which problem, when. */
export function ActivityList({ events, limit }: { events: readonly LiveEvent[]; limit?: number }) {
  const { t, te } = useI18n();
  const shown = limit ? events.slice(0, limit) : events;
  return (
    <ul className="hub-activity" data-testid="activity-list">
      {shown.map((e) => (
        <li key={e.cursor}>
          <div className="hub-muted">
            {formatDateTime(e.at)} · {e.actor?.displayName ?? t('common.system')}
          </div>
          <div>
            <strong>{te('HubEventType', e.type)}</strong>
            {e.toStatus && e.type === 'ACTION_STATUS_CHANGED' ? ` → ${te('ActionStatus', e.toStatus as ActionStatus)}` : null}
            {e.problem ? (
              <>
                {' · '}
                <Link to={`/problems/${e.problem.id}`}>
                  {e.problem.code} {e.problem.title}
                </Link>
              </>
            ) : null}
          </div>
          {e.action ? <div className="hub-muted">{e.action.title}</div> : null}
        </li>
      ))}
    </ul>
  );
}
